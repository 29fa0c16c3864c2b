import {
  type CheckoutSessionParams,
  decodeCheckoutToken,
  deriveSessionKey,
  verifySessionSecret,
} from '@lava-checkout/protocol';
import { describe, expect, it } from 'vitest';
import { createCheckoutSession } from './createCheckoutSession.ts';
import { TEST_SIGNING } from './testing/TEST_SIGNING.ts';

const { secretKey, now: NOW, options } = TEST_SIGNING;
const params = {
  checkout_mode: 'subscription',
  origin_url: 'http://localhost:4000/',
  plan_id: 'sc_test_01KK2NQPK7CXRHEW42Z4X4M06R',
} as const;

/** The session's token decoded as the browser does, and its secret verified as the service does. */
async function openToken(token: string) {
  const decoded = decodeCheckoutToken(token);
  if (!decoded.ok) throw new Error(decoded.message);
  const key = await deriveSessionKey(secretKey);
  const verified = await verifySessionSecret(decoded.token.secret, {
    findKey: async (kid) => (kid === key.kid ? key.key : null),
    now: NOW,
  });
  return { token: decoded.token, kid: key.kid, verified };
}

/** Origins a session refuses: not http(s), not bare, not one real site. */
const BAD_ORIGINS = [
  'ftp://yourapp.com',
  'javascript:alert(1)',
  'yourapp.com',
  'https://yourapp.com/checkout',
  undefined,
  'https://*',
  'https://*.yourapp.com',
  'https://a$b.com',
  "https://yourapp.com'",
  'https://your app.com',
  'https://intranet',
  'http://example.com',
];

/** A session for https://yourapp.com with these fields. */
const mintForYourApp = (fields: Omit<CheckoutSessionParams, 'origin_url'>) =>
  createCheckoutSession({ origin_url: 'https://yourapp.com', ...fields }, options);

describe('createCheckoutSession', () => {
  it('returns the session fields, with a 60-minute expiry and a bare origin', async () => {
    const session = await createCheckoutSession(params, options);
    expect(session).toEqual({
      checkout_session_id: expect.stringMatching(/^cs_test_[0-9A-Z]{26}$/),
      checkout_session_token: expect.any(String),
      checkout_mode: 'subscription',
      origin_url: 'http://localhost:4000',
      plan_id: params.plan_id,
      created_at: '2026-11-22T12:00:00.000Z',
      expires_at: '2026-11-22T13:00:00.000Z',
    });
  });

  it('mints a token the browser decodes and whose secret the checkout service verifies', async () => {
    const session = await createCheckoutSession(
      { ...params, customer_id: 'con_test_01KK2NQPKARMY7D3HK65C2ZSYK' },
      options,
    );
    const { token, kid, verified } = await openToken(session.checkout_session_token);
    expect(token.base).toBe('http://127.0.0.1:4001/');
    expect(token.secret).toMatch(/^css_test_/);
    expect(verified).toEqual({
      ok: true,
      kid,
      claims: {
        sid: session.checkout_session_id,
        mode: 'subscription',
        origin: 'http://localhost:4000',
        plan: params.plan_id,
        customer: 'con_test_01KK2NQPKARMY7D3HK65C2ZSYK',
        iat: NOW / 1000,
        exp: NOW / 1000 + 3600,
      },
    });
  });

  it('accepts the legacy names subscription_config_id and connection_id', async () => {
    const session = await mintForYourApp({
      checkout_mode: 'subscription',
      subscription_config_id: 'sc_legacy',
      connection_id: 'con_legacy',
    });
    expect(session).toMatchObject({ plan_id: 'sc_legacy', customer_id: 'con_legacy' });
  });

  it('mints a credit_bundle session whose secret claims the bundle and the customer', async () => {
    const session = await mintForYourApp({
      checkout_mode: 'credit_bundle',
      customer_id: 'con_test_01KK2NQPKARMY7D3HK65C2ZSYK',
      credit_bundle_id: 'cb_test_01KK2NQPKARMY7D3HK65C2ZSYK',
    });
    expect(session).toMatchObject({
      checkout_mode: 'credit_bundle',
      customer_id: 'con_test_01KK2NQPKARMY7D3HK65C2ZSYK',
      credit_bundle_id: 'cb_test_01KK2NQPKARMY7D3HK65C2ZSYK',
    });
    expect(session).not.toHaveProperty('plan_id');
    const { verified } = await openToken(session.checkout_session_token);
    expect(verified).toMatchObject({
      ok: true,
      claims: {
        mode: 'credit_bundle',
        bundle: 'cb_test_01KK2NQPKARMY7D3HK65C2ZSYK',
        customer: 'con_test_01KK2NQPKARMY7D3HK65C2ZSYK',
      },
    });
    expect(verified.ok && verified.claims.plan).toBeUndefined();
  });

  it('adds the trailing slash a checkoutUrl without a path lacks', async () => {
    const session = await createCheckoutSession(params, {
      ...options,
      checkoutUrl: 'http://127.0.0.1:4001',
    });
    const decoded = decodeCheckoutToken(session.checkout_session_token);
    expect(decoded.ok && decoded.token.base).toBe('http://127.0.0.1:4001/');
  });

  it('gives each session its own id', async () => {
    const a = await createCheckoutSession(params, options);
    const b = await createCheckoutSession(params, options);
    expect(a.checkout_session_id).not.toBe(b.checkout_session_id);
  });

  it.each<readonly [string, unknown]>([
    ['checkout_mode', { ...params, checkout_mode: 'onboarding' }],
    ['checkout_mode', { ...params, checkout_mode: undefined }],
    ...BAD_ORIGINS.map((origin_url) => ['origin_url', { ...params, origin_url }] as const),
    ['plan_id', { ...params, plan_id: undefined }],
    ['plan_id', { ...params, plan_id: '' }],
    ['customer_id', { ...params, customer_id: 42 }],
    ['credit_bundle_id', { ...params, credit_bundle_id: 'cb_test_1' }],
    [
      'credit_bundle_id',
      { checkout_mode: 'credit_bundle', origin_url: 'https://a.com', customer_id: 'con_1' },
    ],
    [
      'customer_id',
      { checkout_mode: 'credit_bundle', origin_url: 'https://a.com', credit_bundle_id: 'cb_1' },
    ],
    [
      'plan_id',
      {
        checkout_mode: 'credit_bundle',
        origin_url: 'https://a.com',
        customer_id: 'con_1',
        credit_bundle_id: 'cb_1',
        plan_id: 'sc_1',
      },
    ],
  ])('names %s when it is wrong', async (argument, bad) => {
    await expect(createCheckoutSession(bad as never, options)).rejects.toThrow(
      new RegExp(
        `^Lava Checkout: createCheckoutSession\\(\\) ${argument} is invalid: .+\\. .+\\.$`,
      ),
    );
  });

  it('needs https for test and live keys, except on a loopback host', async () => {
    const live = { ...options, secretKey: 'aks_live_0123456789abcdefghijklmnop' };
    for (const keys of [options, live]) {
      await expect(
        createCheckoutSession({ ...params, origin_url: 'http://yourapp.com' }, keys),
      ).rejects.toThrow(/origin_url.+https/);
    }
    await expect(createCheckoutSession(params, live)).resolves.toMatchObject({
      checkout_session_id: expect.stringMatching(/^cs_live_/),
    });
  });

  it.each([
    ['options.secretKey', { ...options, secretKey: 'sk_test_123' }],
    ['options.checkoutUrl', { ...options, checkoutUrl: 'not a url' }],
    ['options.checkoutUrl', { ...options, checkoutUrl: 'http://checkout.example.com/' }],
  ])('names %s when it is wrong', async (argument, bad) => {
    await expect(createCheckoutSession(params, bad)).rejects.toThrow(`${argument} is invalid`);
  });

  it('reads LAVA_SECRET_KEY when no secretKey is passed', async () => {
    const saved = process.env.LAVA_SECRET_KEY;
    process.env.LAVA_SECRET_KEY = secretKey;
    try {
      const { secretKey: _, ...rest } = options;
      await expect(createCheckoutSession(params, rest)).resolves.toMatchObject({
        plan_id: params.plan_id,
      });
    } finally {
      if (saved === undefined) delete process.env.LAVA_SECRET_KEY;
      else process.env.LAVA_SECRET_KEY = saved;
    }
  });
});
