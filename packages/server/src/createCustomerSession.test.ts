import {
  decodeCheckoutToken,
  deriveSessionKey,
  verifyCustomerSessionSecret,
  verifySessionSecret,
} from '@lava-checkout/protocol';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCustomerSession } from './createCustomerSession.ts';
import { TEST_SIGNING } from './testing/TEST_SIGNING.ts';

const { secretKey, now: NOW, options } = TEST_SIGNING;
const CUSTOMER = 'con_test_01KK2NQPKARMY7D3HK65C2ZSYK';

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('createCustomerSession', () => {
  it('returns the token, the customer, a bare origin and a 60-minute expiry', async () => {
    const session = await createCustomerSession(
      { customer_id: CUSTOMER, origin_url: 'http://localhost:4000/' },
      options,
    );
    expect(session).toEqual({
      customer_session_token: expect.any(String),
      customer_id: CUSTOMER,
      origin_url: 'http://localhost:4000',
      created_at: '2026-11-22T12:00:00.000Z',
      expires_at: '2026-11-22T13:00:00.000Z',
    });
  });

  it('mints a secret the service verifies as a customer session, and never as a checkout', async () => {
    const session = await createCustomerSession(
      { customer_id: 'user_42', origin_url: 'https://yourapp.com' },
      options,
    );
    const decoded = decodeCheckoutToken(session.customer_session_token);
    if (!decoded.ok) throw new Error(decoded.message);
    expect(decoded.token.base).toBe('http://127.0.0.1:4001/');

    const key = await deriveSessionKey(secretKey);
    const findKey = async (kid: string) => (kid === key.kid ? key.key : null);
    expect(await verifyCustomerSessionSecret(decoded.token.secret, { findKey, now: NOW })).toEqual({
      ok: true,
      kid: key.kid,
      claims: {
        typ: 'customer',
        sub: 'user_42',
        origin: 'https://yourapp.com',
        iat: NOW / 1000,
        exp: NOW / 1000 + 3600,
      },
    });
    expect(await verifySessionSecret(decoded.token.secret, { findKey, now: NOW })).toEqual({
      ok: false,
      reason: 'malformed',
    });
  });

  it.each([
    [{ origin_url: 'https://yourapp.com' }, /customer_id is invalid/],
    [{ customer_id: '', origin_url: 'https://yourapp.com' }, /customer_id is invalid/],
    [{ customer_id: CUSTOMER }, /origin_url is invalid: it is missing/],
    [{ customer_id: CUSTOMER, origin_url: 'https://*.yourapp.com' }, /origin_url is invalid/],
    [{ customer_id: CUSTOMER, origin_url: 'http://yourapp.com' }, /origin_url is invalid.+https/],
  ])('names the field at fault: %j', async (params, message) => {
    await expect(createCustomerSession(params as never, options)).rejects.toThrow(message);
    await expect(createCustomerSession(params as never, options)).rejects.toThrow(
      /^Lava Checkout: createCustomerSession\(\)/,
    );
  });

  it('refuses a key that is not a Lava secret key, and a checkoutUrl that is not https', async () => {
    vi.stubEnv('LAVA_SECRET_KEY', '');
    const params = { customer_id: CUSTOMER, origin_url: 'https://yourapp.com' };
    await expect(
      createCustomerSession(params, { ...options, secretKey: 'sk_live_x' }),
    ).rejects.toThrow(/options\.secretKey is invalid/);
    await expect(
      createCustomerSession(params, { ...options, checkoutUrl: 'http://checkout.example.com/' }),
    ).rejects.toThrow(/options\.checkoutUrl is invalid/);
  });
});
