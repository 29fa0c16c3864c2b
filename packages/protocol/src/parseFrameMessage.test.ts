import { describe, expect, it } from 'vitest';
import { parseFrameMessage } from './parseFrameMessage.ts';
import { parseHelloMessage } from './parseHelloMessage.ts';
import { parseParentMessage } from './parseParentMessage.ts';

const nonce = 'AAAAAAAAAAAAAAAAAAAAAA';
const sid = 'cs_test_01KK2NQPK7CXRHEW42Z4X4M06R';
const cid = 'con_test_01KK2NQPKARMY7D3HK65C2ZSYK';

describe('parseFrameMessage', () => {
  it.each([
    { v: 1, type: 'lava:ready', nonce, checkoutSessionId: sid },
    { v: 1, type: 'lava:ready', nonce, checkoutSessionId: null },
    { v: 1, type: 'lava:step', nonce, step: 'code' },
    { v: 1, type: 'lava:success', nonce, checkoutSessionId: sid, customerId: cid },
    { v: 1, type: 'lava:cancel', nonce, checkoutSessionId: sid },
    { v: 1, type: 'lava:error', nonce, checkoutSessionId: null, code: 'session_expired' },
    { v: 1, type: 'lava:resize', nonce, height: 512 },
    { v: 1, type: 'lava:close-request', nonce },
    { v: 1, type: 'lava:close-refused', nonce },
    { v: 1, type: 'lava:focus-exit', nonce, direction: 'backward' },
    { v: 1, type: 'lava:focus-exit', nonce, direction: 'forward' },
  ])('accepts $type', (message) => {
    expect(parseFrameMessage(message)).toEqual(message);
  });

  it('keeps only the known fields', () => {
    const parsed = parseFrameMessage({ v: 1, type: 'lava:step', nonce, step: 'phone', extra: 1 });
    expect(parsed).toEqual({ v: 1, type: 'lava:step', nonce, step: 'phone' });
  });

  it.each([
    ['null', null],
    ['undefined', undefined],
    ['a string', 'lava:success'],
    ['an array', [1, 2]],
    ['another version', { v: 2, type: 'lava:ready', nonce, checkoutSessionId: null }],
    ['no nonce', { v: 1, type: 'lava:ready', checkoutSessionId: null }],
    ['a short nonce', { v: 1, type: 'lava:ready', nonce: 'abc', checkoutSessionId: null }],
    ['an unknown type', { v: 1, type: 'lava:pwned', nonce }],
    ['the legacy type', { type: 'lava_checkout_success', connectionId: cid }],
    ['an unknown step', { v: 1, type: 'lava:step', nonce, step: 'admin' }],
    ['a success without customer', { v: 1, type: 'lava:success', nonce, checkoutSessionId: sid }],
    [
      'a malformed customer id',
      { v: 1, type: 'lava:success', nonce, checkoutSessionId: sid, customerId: 'con_x' },
    ],
    [
      'an unknown error code',
      { v: 1, type: 'lava:error', nonce, checkoutSessionId: null, code: 'x' },
    ],
    ['a fractional height', { v: 1, type: 'lava:resize', nonce, height: 1.5 }],
    ['a negative height', { v: 1, type: 'lava:resize', nonce, height: -1 }],
    ['a giant height', { v: 1, type: 'lava:resize', nonce, height: 1e9 }],
    ['a height as text', { v: 1, type: 'lava:resize', nonce, height: '500' }],
    ['an unknown focus direction', { v: 1, type: 'lava:focus-exit', nonce, direction: 'up' }],
    ['a parent message', { v: 1, type: 'lava:close', nonce }],
    [
      'a __proto__ payload',
      JSON.parse('{"__proto__":{"polluted":true},"v":1,"type":"lava:ready"}'),
    ],
  ])('gives null for %s, without throwing', (_, data) => {
    expect(parseFrameMessage(data)).toBeNull();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('gives null when reading the data throws', () => {
    const hostile = new Proxy(
      {},
      {
        get: () => {
          throw new Error('boom');
        },
      },
    );
    expect(parseFrameMessage(hostile)).toBeNull();
  });
});

describe('parseHelloMessage', () => {
  it('accepts a hello with a nonce', () => {
    expect(parseHelloMessage({ v: 1, type: 'lava:hello', nonce })).toEqual({
      v: 1,
      type: 'lava:hello',
      nonce,
    });
  });

  it('keeps a valid appearance and a canonical locale', () => {
    expect(
      parseHelloMessage({
        v: 1,
        type: 'lava:hello',
        nonce,
        appearance: { theme: 'dark', variables: { colorPrimary: '#0af' } },
        locale: 'pt-br',
      }),
    ).toEqual({
      v: 1,
      type: 'lava:hello',
      nonce,
      appearance: { theme: 'dark', variables: { colorPrimary: '#0af' } },
      locale: 'pt-BR',
    });
  });

  it('drops refused appearance values and a bad locale, and keeps the hello', () => {
    expect(
      parseHelloMessage({
        v: 1,
        type: 'lava:hello',
        nonce,
        appearance: { theme: 'neon', variables: { colorText: 'url(https://evil.example/)' } },
        locale: 'not a locale!',
      }),
    ).toEqual({ v: 1, type: 'lava:hello', nonce, appearance: { variables: {} } });
  });

  it.each([null, {}, { v: 1, type: 'lava:hello' }, { v: 1, type: 'lava:ready', nonce }])(
    'gives null for %j',
    (data) => {
      expect(parseHelloMessage(data)).toBeNull();
    },
  );
});

describe('parseParentMessage', () => {
  it.each([
    { v: 1, type: 'lava:close', nonce },
    { v: 1, type: 'lava:focus', nonce, edge: 'first' },
    { v: 1, type: 'lava:focus', nonce, edge: 'last' },
  ])('accepts $type', (message) => {
    expect(parseParentMessage({ ...message, extra: true })).toEqual(message);
  });

  it.each([
    null,
    'lava:close',
    { v: 1, type: 'lava:close' },
    { v: 2, type: 'lava:close', nonce },
    { v: 1, type: 'lava:focus', nonce, edge: 'middle' },
    { v: 1, type: 'lava:success', nonce },
  ])('gives null for %j', (data) => {
    expect(parseParentMessage(data)).toBeNull();
  });
});
