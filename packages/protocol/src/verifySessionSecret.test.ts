import { describe, expect, it } from 'vitest';
import { deriveSessionKey } from './deriveSessionKey.ts';
import type { SessionClaims } from './SessionClaims.ts';
import { signSessionSecret } from './signSessionSecret.ts';
import { forgeSecret } from './testing/forgeSecret.ts';
import { verifySessionSecret } from './verifySessionSecret.ts';

const NOW = Date.UTC(2026, 10, 22, 12, 0, 0);
const claims: SessionClaims = {
  sid: 'cs_test_01KK2NQPK7CXRHEW42Z4X4M06R',
  mode: 'subscription',
  origin: 'http://localhost:4000',
  plan: 'sc_test_01KK2NQPK7CXRHEW42Z4X4M06R',
  iat: NOW / 1000,
  exp: NOW / 1000 + 3600,
};

async function setup() {
  const key = await deriveSessionKey('aks_test_0123456789abcdefghijklmnop');
  const secret = await signSessionSecret(claims, key, 'test');
  const findKey = async (kid: string) => (kid === key.kid ? key.key : null);
  return { key, secret, findKey };
}

describe('verifySessionSecret', () => {
  it('returns the claims of a secret it signed, until one second before expiry', async () => {
    const { key, secret, findKey } = await setup();
    expect(secret).toMatch(/^css_test_[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(await verifySessionSecret(secret, { findKey, now: NOW + 3599_000 })).toEqual({
      ok: true,
      kid: key.kid,
      claims,
    });
  });

  it('reports expiry at 60 minutes, with the claims, once the signature holds', async () => {
    const { secret, findKey } = await setup();
    const result = await verifySessionSecret(secret, { findKey, now: NOW + 3600_000 });
    expect(result).toMatchObject({ ok: false, reason: 'expired', claims });
  });

  it('rejects a secret whose payload was changed (a different plan)', async () => {
    const { secret, findKey } = await setup();
    const forged = forgeSecret(secret, { plan: 'sc_free' });
    expect(await verifySessionSecret(forged, { findKey, now: NOW })).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
  });

  it('rejects every single-bit flip of the signature', async () => {
    const { secret, findKey } = await setup();
    const dot = secret.lastIndexOf('.');
    const signature = Buffer.from(secret.slice(dot + 1), 'base64url');
    for (let bit = 0; bit < signature.length * 8; bit += 7) {
      const flipped = Buffer.from(signature);
      flipped[bit >> 3]! ^= 1 << (bit & 7);
      const forged = `${secret.slice(0, dot)}.${flipped.toString('base64url')}`;
      const result = await verifySessionSecret(forged, { findKey, now: NOW });
      expect(result.ok).toBe(false);
    }
  });

  it('rejects a secret signed by another merchant key as unknown', async () => {
    const { findKey } = await setup();
    const other = await deriveSessionKey('aks_test_someone_else_entirely_0000');
    const secret = await signSessionSecret(claims, other, 'test');
    expect(await verifySessionSecret(secret, { findKey, now: NOW })).toEqual({
      ok: false,
      reason: 'unknown_key',
    });
  });

  it('rejects a secret signed with a different key under a known kid', async () => {
    const { key, findKey } = await setup();
    const other = await deriveSessionKey('aks_test_someone_else_entirely_0000');
    const secret = await signSessionSecret(claims, { kid: key.kid, key: other.key }, 'test');
    expect(await verifySessionSecret(secret, { findKey, now: NOW })).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
  });

  it.each([
    undefined,
    42,
    '',
    'css_test_',
    'css_test_abc.def',
    `css_prod_aaaaaaaaaaaaaaaa.${'a'.repeat(43)}`,
    'x'.repeat(5000),
  ])('gives malformed for %j', async (value) => {
    const { findKey } = await setup();
    expect(await verifySessionSecret(value, { findKey, now: NOW })).toEqual({
      ok: false,
      reason: 'malformed',
    });
  });
});

describe('verifySessionSecret, given claims its signer should not have made', () => {
  it.each([
    ['a lifetime over 60 minutes', { exp: claims.iat + 3601 }],
    ['an expiry before issue', { exp: claims.iat }],
    ['an origin that is a wildcard', { origin: '*' }],
    ['an origin with a wildcard host', { origin: 'https://*' }],
    ['an origin with a $ in its host', { origin: 'https://a$b.com' }],
    ['plain http on the internet', { origin: 'http://example.com' }],
    ['an origin with a path', { origin: 'https://yourapp.com/app' }],
    ['an origin with another scheme', { origin: 'javascript:alert(1)' }],
  ])('calls %s malformed, even when well signed', async (_, change) => {
    const { key, findKey } = await setup();
    const secret = await signSessionSecret({ ...claims, ...change }, key, 'test');
    expect(await verifySessionSecret(secret, { findKey, now: NOW })).toEqual({
      ok: false,
      reason: 'malformed',
    });
  });

  it('refuses a session issued more than 60 s in the future, and accepts 60 s of skew', async () => {
    const { key, findKey } = await setup();
    const early = await signSessionSecret(
      { ...claims, iat: claims.iat + 61, exp: claims.exp + 61 },
      key,
      'test',
    );
    expect(await verifySessionSecret(early, { findKey, now: NOW })).toEqual({
      ok: false,
      reason: 'issued_in_future',
    });
    const skewed = await signSessionSecret(
      { ...claims, iat: claims.iat + 60, exp: claims.exp + 60 },
      key,
      'test',
    );
    expect((await verifySessionSecret(skewed, { findKey, now: NOW })).ok).toBe(true);
  });
});

describe('deriveSessionKey', () => {
  it('is stable for a key and differs between keys', async () => {
    const a1 = await deriveSessionKey('aks_test_aaaaaaaaaaaaaaaaaaaa');
    const a2 = await deriveSessionKey('aks_test_aaaaaaaaaaaaaaaaaaaa');
    const b = await deriveSessionKey('aks_test_bbbbbbbbbbbbbbbbbbbb');
    expect(a1).toEqual(a2);
    expect(a1.kid).toHaveLength(16);
    expect(a1.kid).not.toBe(b.kid);
    expect(a1.key).not.toEqual(b.key);
  });
});
