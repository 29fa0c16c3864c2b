import { describe, expect, it } from 'vitest';
import { decodeCheckoutToken } from './decodeCheckoutToken.ts';
import { deriveSessionKey } from './deriveSessionKey.ts';
import { mintCheckoutSession } from './mintCheckoutSession.ts';
import { mintCustomerSession } from './mintCustomerSession.ts';
import { forgeSecret } from './testing/forgeSecret.ts';
import { verifyCustomerSessionSecret } from './verifyCustomerSessionSecret.ts';
import { verifySessionSecret } from './verifySessionSecret.ts';

const NOW = Date.UTC(2026, 10, 22, 12, 0, 0);
const CUSTOMER = 'con_test_01KK2NQPKARMY7D3HK65C2ZSYK';

async function setup() {
  const key = await deriveSessionKey('aks_test_0123456789abcdefghijklmnop');
  const findKey = async (kid: string) => (kid === key.kid ? key.key : null);
  const mintOptions = {
    signingKey: key,
    environment: 'test',
    base: 'http://127.0.0.1:4001/',
    now: NOW,
  } as const;
  const { session } = await mintCustomerSession(
    { customerId: CUSTOMER, origin: 'http://localhost:4000' },
    mintOptions,
  );
  const decoded = decodeCheckoutToken(session.customer_session_token);
  if (!decoded.ok) throw new Error(decoded.message);
  return { key, findKey, mintOptions, session, secret: decoded.token.secret };
}

describe('verifyCustomerSessionSecret', () => {
  it('returns the customer and origin of a session it minted, for 60 minutes', async () => {
    const { key, findKey, session, secret } = await setup();
    expect(session.expires_at).toBe('2026-11-22T13:00:00.000Z');
    expect(secret).toMatch(/^lcs_test_[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(await verifyCustomerSessionSecret(secret, { findKey, now: NOW + 3599_000 })).toEqual({
      ok: true,
      kid: key.kid,
      claims: {
        typ: 'customer',
        sub: CUSTOMER,
        origin: 'http://localhost:4000',
        iat: NOW / 1000,
        exp: NOW / 1000 + 3600,
      },
    });
    expect(
      await verifyCustomerSessionSecret(secret, { findKey, now: NOW + 3600_000 }),
    ).toMatchObject({ ok: false, reason: 'expired' });
  });

  it('never takes a customer secret for a checkout one, nor the reverse', async () => {
    const { findKey, mintOptions, secret } = await setup();
    expect(await verifySessionSecret(secret, { findKey, now: NOW })).toEqual({
      ok: false,
      reason: 'malformed',
    });
    const relabelled = secret.replace(/^lcs_/, 'css_');
    expect(await verifySessionSecret(relabelled, { findKey, now: NOW })).toEqual({
      ok: false,
      reason: 'malformed',
    });

    const { session } = await mintCheckoutSession(
      { mode: 'subscription', origin: 'http://localhost:4000', customerId: CUSTOMER },
      mintOptions,
    );
    const decoded = decodeCheckoutToken(session.checkout_session_token);
    if (!decoded.ok) throw new Error(decoded.message);
    expect(await verifyCustomerSessionSecret(decoded.token.secret, { findKey, now: NOW })).toEqual({
      ok: false,
      reason: 'malformed',
    });
    const asCustomer = decoded.token.secret.replace(/^css_/, 'lcs_');
    expect(await verifyCustomerSessionSecret(asCustomer, { findKey, now: NOW })).toEqual({
      ok: false,
      reason: 'malformed',
    });
  });

  it('rejects a secret whose customer was changed', async () => {
    const { findKey, secret } = await setup();
    const forged = forgeSecret(secret, { sub: 'con_test_01KK2NQPK7CXRHEW42Z4X4M06R' });
    expect(await verifyCustomerSessionSecret(forged, { findKey, now: NOW })).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
  });

  it('rejects a secret signed by an unknown key', async () => {
    const { secret } = await setup();
    expect(
      await verifyCustomerSessionSecret(secret, { findKey: async () => null, now: NOW }),
    ).toEqual({ ok: false, reason: 'unknown_key' });
  });
});
