import { decodeCheckoutToken } from '@lava-checkout/protocol';
import { describe, expect, it } from 'vitest';
import { merchantApiEachTest, seedCatalog, subscribedCustomer } from '../../testing/merchantApi.ts';
import { testPaymentMethod } from '../../testing/startTestService.ts';

const { t, api } = merchantApiEachTest();

const secretOf = (token: unknown) => {
  const decoded = decodeCheckoutToken(token);
  if (!decoded.ok) throw new Error(decoded.message);
  return decoded.token;
};

describe('POST /v1/checkout_sessions', () => {
  it('mints the token the helper mints, records the session at once, and the page completes it', async () => {
    const created = await api<{ checkout_session_id: string; checkout_session_token: string }>(
      'POST',
      'checkout_sessions',
      {
        checkout_mode: 'subscription',
        origin_url: 'http://localhost:4000/',
        plan_id: t.devMerchant.planId,
      },
    );
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      checkout_session_id: expect.stringMatching(/^cs_test_[0-9A-Z]{26}$/),
      checkout_session_token: expect.any(String),
      checkout_mode: 'subscription',
      origin_url: 'http://localhost:4000',
      plan_id: t.devMerchant.planId,
      created_at: '2026-11-22T12:00:00.000Z',
      expires_at: '2026-11-22T13:00:00.000Z',
    });
    const token = secretOf(created.body.checkout_session_token);
    expect(token.base).toBe(t.service.url);
    expect(token.secret).toMatch(/^css_test_/);

    const path = `checkout_sessions/${created.body.checkout_session_id}`;
    expect((await api('GET', path)).body).toEqual({
      checkout_session_id: created.body.checkout_session_id,
      checkout_mode: 'subscription',
      origin_url: 'http://localhost:4000',
      plan_id: t.devMerchant.planId,
      created_at: '2026-11-22T12:00:00.000Z',
      expires_at: '2026-11-22T13:00:00.000Z',
    });
    expect((await fetch(`${t.service.url}embed/checkout/${token.secret}`)).status).toBe(200);
    await t.post('phone', token.secret, { phone: '+1 415 555 0100' });
    await t.post('code', token.secret, { code: await t.latestCode() });
    const paid = (await (await t.post('subscribe', token.secret, testPaymentMethod())).json()) as {
      customer_id: string;
    };
    expect((await api('GET', path)).body).toMatchObject({
      customer_id: paid.customer_id,
      completed_at: '2026-11-22T12:00:00.000Z',
    });
  });

  it('takes the legacy names, and a customer by reference id', async () => {
    const customer = await api<{ customer_id: string }>('POST', 'customers', {
      reference_id: 'user_42',
    });
    const created = await api('POST', 'checkout_sessions', {
      checkout_mode: 'subscription',
      origin_url: 'https://yourapp.com',
      subscription_config_id: t.devMerchant.planId,
      connection_id: 'user_42',
    });
    expect(created.body).toMatchObject({
      plan_id: t.devMerchant.planId,
      customer_id: customer.body.customer_id,
    });
    expect(
      (
        await api('POST', 'checkout_sessions', {
          checkout_mode: 'subscription',
          origin_url: 'https://yourapp.com',
          plan_id: t.devMerchant.planId,
          reference_id: 'user_42',
        })
      ).body,
    ).toMatchObject({ customer_id: customer.body.customer_id });
  });

  it('records a credit_bundle session for a subscriber of the bundle plan, whose page sells the bundle', async () => {
    const { plan } = await seedCatalog(api);
    const customerId = await subscribedCustomer(t, { planId: plan.plan_id });
    const bundleId = plan.credit_bundles[0]?.credit_bundle_id;
    const created = await api<{ checkout_session_id: string; checkout_session_token: string }>(
      'POST',
      'checkout_sessions',
      {
        checkout_mode: 'credit_bundle',
        origin_url: 'https://yourapp.com',
        customer_id: customerId,
        credit_bundle_id: bundleId,
      },
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      checkout_mode: 'credit_bundle',
      customer_id: customerId,
      credit_bundle_id: bundleId,
    });
    expect(created.body).not.toHaveProperty('plan_id');
    expect(
      (await api('GET', `checkout_sessions/${created.body.checkout_session_id}`)).body,
    ).toEqual({
      checkout_session_id: created.body.checkout_session_id,
      checkout_mode: 'credit_bundle',
      origin_url: 'https://yourapp.com',
      credit_bundle_id: bundleId,
      created_at: '2026-11-22T12:00:00.000Z',
      expires_at: '2026-11-22T13:00:00.000Z',
    });
    const { secret } = secretOf(created.body.checkout_session_token);
    const page = await fetch(`${t.service.url}embed/checkout/${secret}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('"kind":"credit_bundle"');
  });

  it('refuses a bundle for a customer not on its plan', async () => {
    const { plan } = await seedCatalog(api);
    const customer = await api<{ customer_id: string }>('POST', 'customers', {
      email: 'a@example.com',
    });
    expect(
      await api('POST', 'checkout_sessions', {
        checkout_mode: 'credit_bundle',
        origin_url: 'https://yourapp.com',
        customer_id: customer.body.customer_id,
        credit_bundle_id: plan.credit_bundles[0]?.credit_bundle_id,
      }),
    ).toMatchObject({
      status: 409,
      body: { error: { code: 'invalid_state', param: 'credit_bundle_id' } },
    });
  });

  /** A subscription session each case below spoils in one field (or sends without one). */
  const subscription = {
    checkout_mode: 'subscription',
    origin_url: 'https://a.com',
    plan_id: 'sc_1',
  };
  it.each([
    ['checkout_mode', 400, { checkout_mode: 'onboarding', origin_url: 'https://a.com' }],
    ['origin_url', 400, { checkout_mode: 'subscription', plan_id: 'sc_1' }],
    ['origin_url', 400, { ...subscription, origin_url: 'http://evil.com' }],
    ['origin_url', 400, { ...subscription, origin_url: 'https://a.com/path' }],
    ['plan_id', 400, { checkout_mode: 'subscription', origin_url: 'https://a.com' }],
    ['plan_id', 404, { ...subscription, plan_id: 'sc_test_01KK2NQPKARMY7D3HK65C2ZSYK' }],
    [
      'customer_id',
      404,
      { ...subscription, plan_id: 'x', customer_id: 'con_test_01KK2NQPKARMY7D3HK65C2ZSYK' },
    ],
    [
      'credit_bundle_id',
      400,
      { checkout_mode: 'credit_bundle', origin_url: 'https://a.com', customer_id: 'c' },
    ],
    [
      'customer_id',
      400,
      { checkout_mode: 'credit_bundle', origin_url: 'https://a.com', credit_bundle_id: 'cb_1' },
    ],
    ['credit_bundle_id', 400, { ...subscription, credit_bundle_id: 'cb_1' }],
    ['plan_id', 400, { ...subscription, plan_id: 42 }],
    ['coupon', 400, { ...subscription, coupon: 'x' }],
  ])('refuses a bad %s (%i), naming it, and records nothing', async (param, status, body) => {
    const refused = await api('POST', 'checkout_sessions', body);
    expect(refused).toMatchObject({
      status,
      body: { error: { param, message: expect.stringMatching(/^Lava Checkout: /) } },
    });
    expect(t.rows('checkout_sessions')).toHaveLength(0);
  });
});

describe('GET /v1/checkout_sessions/:id', () => {
  it('knows a locally minted session once it is opened, and not before', async () => {
    const session = await t.mint();
    expect((await api('GET', `checkout_sessions/${session.id}`)).status).toBe(404);
    await fetch(`${t.service.url}embed/checkout/${session.secret}`);
    expect((await api('GET', `checkout_sessions/${session.id}`)).body).toEqual({
      checkout_session_id: session.id,
      checkout_mode: 'subscription',
      origin_url: 'http://localhost:4000',
      plan_id: t.devMerchant.planId,
      created_at: '2026-11-22T12:00:00.000Z',
      expires_at: '2026-11-22T13:00:00.000Z',
    });
  });
});
