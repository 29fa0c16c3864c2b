import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from './testing/startTestService.ts';

let t: TestService;
let secret: string;
beforeEach(async () => {
  t = await startTestService();
  ({ secret } = await t.mint());
});
afterEach(async () => {
  await t.close();
});

const send = (body: BodyInit, headers: Record<string, string> = {}) =>
  fetch(`${t.service.url}api/checkout/phone`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}`, ...headers },
    body,
  });

describe('the checkout service, given bad requests', () => {
  it.each([
    ['a 17 KB body', JSON.stringify({ phone: 'x'.repeat(17 * 1024) }), {}, 413, 'body_too_large'],
    ['malformed JSON', '{"phone":', {}, 400, 'malformed_json'],
    [
      'text/plain',
      JSON.stringify({ phone: '+14155550100' }),
      { 'content-type': 'text/plain' },
      415,
      'unsupported_media_type',
    ],
    [
      'a form',
      'phone=%2B14155550100',
      { 'content-type': 'application/x-www-form-urlencoded' },
      415,
      'unsupported_media_type',
    ],
    [
      'an unknown field',
      JSON.stringify({ phone: '+14155550100', admin: true }),
      {},
      400,
      'invalid_request',
    ],
    [
      'a __proto__ key',
      '{"phone":"+14155550100","__proto__":{"polluted":true}}',
      {},
      400,
      'invalid_request',
    ],
    ['a wrong type', JSON.stringify({ phone: 14155550100 }), {}, 400, 'invalid_request'],
    [
      'a cross-site request',
      JSON.stringify({ phone: '+14155550100' }),
      { 'sec-fetch-site': 'cross-site' },
      403,
      'cross_site_request',
    ],
  ])('answers %s with %i and changes nothing', async (_, body, headers, status, code) => {
    const response = await send(body, headers);
    expect(response.status).toBe(status);
    expect(await response.json()).toMatchObject({ error: { code, message: expect.any(String) } });
    expect(t.rows('checkout_sessions').every((row) => row.code_sends === 0)).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((await fetch(`${t.service.url}healthz`)).status).toBe(200);
  });

  it('answers a 17 KB body sent in chunks, with no length given, with 413 and changes nothing', async () => {
    const body = new TextEncoder().encode(JSON.stringify({ phone: 'x'.repeat(17 * 1024) }));
    const response = await fetch(`${t.service.url}api/checkout/phone`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
      body: new ReadableStream({
        start(controller) {
          for (let i = 0; i < body.length; i += 4096) controller.enqueue(body.slice(i, i + 4096));
          controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: { code: 'body_too_large' } });
    expect(t.rows('checkout_sessions').every((row) => row.code_sends === 0)).toBe(true);
  });

  it('takes a small body sent in chunks', async () => {
    const body = new TextEncoder().encode(JSON.stringify({ phone: '+1 415 555 0100' }));
    const response = await fetch(`${t.service.url}api/checkout/phone`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
      body: new ReadableStream({
        start(controller) {
          controller.enqueue(body.slice(0, 5));
          controller.enqueue(body.slice(5));
          controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(200);
  });

  it('sends no Access-Control-Allow-Origin to a preflight from another origin', async () => {
    const response = await fetch(`${t.service.url}api/checkout/phone`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers unknown paths with a JSON 404', async () => {
    const response = await fetch(`${t.service.url}nope`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: { code: 'not_found', message: 'Not found.' } });
  });

  it('serves the page assets with a long cache', async () => {
    const response = await fetch(`${t.service.url}assets/app.js`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('console.log("page")');
    expect(response.headers.get('cache-control')).toContain('immutable');
  });
});
