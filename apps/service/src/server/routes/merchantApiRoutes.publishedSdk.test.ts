import { decodeCheckoutToken } from '@lava-checkout/protocol';
import { Lava } from '@lavapayments/nodejs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectPublishedShape, publishedShapeErrors } from '../testing/expectPublishedShape.ts';
import {
  START,
  startTestService,
  type TestService,
  testPaymentMethod,
} from '../testing/startTestService.ts';

// The published @lavapayments/nodejs SDK, as a merchant's server runs it, against the real
// service on loopback: every call the service serves, each answer checked against the types
// the SDK declares for it (generated from its own .d.ts).

/** SDK calls whose endpoints are not built yet: none. */
const NOT_SERVED: string[] = [];

let t: TestService;
let lava: Lava;
const called = new Set<string>();

/**
 * Awaits an SDK call and checks its answer against what the SDK declares `call` answers. A
 * mismatch fails the test but hands the answer on, so later calls still run and report theirs.
 */
async function answer<T>(call: string, pending: Promise<T>): Promise<T> {
  const value = await pending;
  called.add(call);
  expect.soft(publishedShapeErrors(call, value), `the answer of ${call}`).toEqual([]);
  return value;
}

const lavaConfig = () => ({ baseUrl: `${t.service.url}v1/` });

beforeAll(async () => {
  t = await startTestService();
  lava = new Lava(t.devMerchant.secretKey, lavaConfig());
});
afterAll(async () => {
  await t.close();
});

/** A customer completing a checkout on the hosted page: a phone, its code, a card. */
async function checkOut(checkoutSessionToken: string, phone: string): Promise<string> {
  const decoded = decodeCheckoutToken(checkoutSessionToken);
  if (!decoded.ok) throw new Error(decoded.message);
  const { secret } = decoded.token;
  expect((await t.post('phone', secret, { phone })).status).toBe(200);
  expect((await t.post('code', secret, { code: await t.latestCode(phone) })).status).toBe(200);
  const paid = (await (await t.post('subscribe', secret, testPaymentMethod())).json()) as {
    customer_id: string;
  };
  return paid.customer_id;
}

describe('the published @lavapayments/nodejs against the service', () => {
  let meterId = '';
  let meterSlug = '';
  let planId = '';
  let bundleId = '';
  let checkoutCustomer = '';
  let apiCustomer = '';

  it('meters: create, list, retrieve, update, delete', async () => {
    const meter = await answer(
      'meters.create',
      lava.meters.create({
        name: 'AI Chat Tokens',
        rate_type: 'fixed',
        tier_type: 'tokens_1m',
        tiers: [
          { start: '0', rate: '3.00' },
          { start: '1000000', rate: '2.50' },
        ],
      }),
    );
    meterId = meter.meter_id;
    meterSlug = meter.meter_slug;
    await answer('meters.list', lava.meters.list({ limit: 1 }));
    await answer('meters.retrieve', lava.meters.retrieve(meterId));
    await answer('meters.update', lava.meters.update(meterId, { name: 'Chat Tokens' }));
    const spare = await answer(
      'meters.create',
      lava.meters.create({
        name: 'Spare',
        rate_type: 'percentage',
        tier_type: 'requests',
        tiers: [{ start: '0', rate: '0.10' }],
      }),
    );
    await answer('meters.delete', lava.meters.delete(spare.meter_id));
  });

  it('plans and their credit bundles: create, list, retrieve, update, delete', async () => {
    const plan = await answer(
      'subscriptions.createPlan',
      lava.subscriptions.createPlan({
        name: 'Pro Plan',
        period_amount: '49.00',
        billing_interval: 'month',
        included_credit: '25.00',
        meter_ids: [meterId],
        credit_bundles: [{ name: '$25 Top-up', cost: '25.00', credit_amount: '25.00' }],
        default_auto_top_up_bundle_index: 0,
      }),
    );
    planId = plan.plan_id;
    bundleId = plan.credit_bundles[0]?.credit_bundle_id ?? '';
    await answer('subscriptions.listPlans', lava.subscriptions.listPlans());
    await answer('subscriptions.retrievePlan', lava.subscriptions.retrievePlan(planId));
    await answer(
      'subscriptions.updatePlan',
      lava.subscriptions.updatePlan(planId, { rollover_type: 'full', name: 'Pro' }),
    );
    await answer('creditBundles.list', lava.creditBundles.list({ plan_id: planId }));
    await answer('creditBundles.retrieve', lava.creditBundles.retrieve(bundleId));
    const spare = await answer(
      'subscriptions.createPlan',
      lava.subscriptions.createPlan({
        name: 'Spare',
        period_amount: '5.00',
        billing_interval: 'week',
      }),
    );
    await answer('subscriptions.deletePlan', lava.subscriptions.deletePlan(spare.plan_id));
  });

  it('a checkout session, and the customer its checkout made: a phone, no email, no name', async () => {
    const session = await answer(
      'checkoutSessions.create',
      lava.checkoutSessions.create({
        checkout_mode: 'subscription',
        origin_url: 'https://yourapp.com',
        plan_id: planId,
      }),
    );
    checkoutCustomer = await checkOut(session.checkout_session_token, '+14155550100');
    const customer = await answer('customers.retrieve', lava.customers.retrieve(checkoutCustomer));
    expect(customer.contact).toEqual({
      phone: '+14155550100',
      email: '',
      first_name: '',
      last_name: '',
    });
    await answer('customers.getSubscription', lava.customers.getSubscription(checkoutCustomer));
  });

  it('a customer made through the API with nothing but a reference id', async () => {
    const customer = await answer(
      'customers.create',
      lava.customers.create({ reference_id: 'u1' }),
    );
    apiCustomer = customer.customer_id;
    expect(customer.contact).toEqual({ phone: '', email: '', first_name: '', last_name: '' });
    expect((await answer('customers.retrieve', lava.customers.retrieve('u1'))).customer_id).toBe(
      apiCustomer,
    );
    // Idempotent on the reference id: the same customer again.
    await answer('customers.create', lava.customers.create({ reference_id: 'u1' }));
    expect(
      await answer('customers.getSubscription', lava.customers.getSubscription(apiCustomer)),
    ).toEqual({ subscription: null });
  });

  it('customers given contact details, cleared of them, listed and deleted', async () => {
    await answer(
      'customers.create',
      lava.customers.create({
        reference_id: 'u2',
        email: 'ada@example.com',
        phone: '+14155550142',
        name: 'Ada Lovelace',
        metadata: { tier: 'gold' },
      }),
    );
    await answer(
      'customers.update',
      lava.customers.update(apiCustomer, { name: 'Grace', email: 'grace@example.com' }),
    );
    const cleared = await answer(
      'customers.update',
      lava.customers.update('u2', { phone: null, email: null, name: null, metadata: null }),
    );
    expect(cleared.contact).toEqual({ phone: '', email: '', first_name: '', last_name: '' });
    const { data } = await answer('customers.list', lava.customers.list({ limit: 100 }));
    expect(data).toHaveLength(3);
    await answer('customers.delete', lava.customers.delete('u2'));
  });

  it('usage: requests recorded, listed and retrieved, and the usage report', async () => {
    const recorded = await answer(
      'requests.create',
      lava.requests.create({
        request_id: 'r1',
        customer_id: checkoutCustomer,
        meter_slug: meterSlug,
        input_tokens: 1200,
        output_tokens: 300,
        metadata: { feature: 'chat' },
      }),
    );
    expect(recorded.charge.amount).toBe('0.0045000000');
    await answer('requests.list', lava.requests.list({ customer_id: checkoutCustomer }));
    await answer('requests.retrieve', lava.requests.retrieve('r1'));
    await answer(
      'usage.retrieve',
      lava.usage.retrieve({
        start: new Date(START - 24 * 3600_000).toISOString().slice(0, 10),
        customer_id: checkoutCustomer,
      }),
    );
  });

  it('subscriptions: listed, updated and cancelled', async () => {
    const { data } = await answer('subscriptions.list', lava.subscriptions.list({ status: 'all' }));
    const subscriptionId = data[0]?.subscription_id ?? '';
    await answer(
      'subscriptions.update',
      lava.subscriptions.update(subscriptionId, { auto_top_up_bundle_id: bundleId }),
    );
    await answer('subscriptions.cancel', lava.subscriptions.cancel(subscriptionId));
    await answer('subscriptions.list', lava.subscriptions.list({ status: 'cancelled' }));
    await answer('customers.retrieve', lava.customers.retrieve(checkoutCustomer));
  });

  it('subscriptions.create: the Free plan without a checkout; a paid plan refused, naming checkout', async () => {
    const plans = await lava.subscriptions.listPlans({ limit: 100 });
    const free = plans.data.find((plan) => plan.period_amount === '0.00');
    expect(free?.name).toBe('Free');
    const created = await answer(
      'subscriptions.create',
      lava.subscriptions.create({ customer_id: apiCustomer, plan_id: free?.plan_id ?? '' }),
    );
    expect(created.subscription).toMatchObject({
      plan_id: free?.plan_id,
      status: 'active',
      plan: { period_amount: '0.00' },
    });
    await expect(
      lava.subscriptions.create({ customer_id: apiCustomer, plan_id: planId }),
    ).rejects.toThrow(/checkout session/);
    expect(
      (await answer('customers.getSubscription', lava.customers.getSubscription(apiCustomer)))
        .subscription?.plan_id,
    ).toBe(free?.plan_id);
  });

  it('webhooks: create, list, retrieve, update, delete', async () => {
    const webhook = await answer(
      'webhooks.create',
      lava.webhooks.create({ name: 'Orders', url: 'https://example.com/hooks' }),
    );
    await answer('webhooks.list', lava.webhooks.list());
    await answer('webhooks.retrieve', lava.webhooks.retrieve(webhook.webhook_id));
    await answer('webhooks.update', lava.webhooks.update(webhook.webhook_id, { name: 'Billing' }));
    await answer('webhooks.delete', lava.webhooks.delete(webhook.webhook_id));
  });

  it('secret keys: create, list, delete', async () => {
    const created = await answer('secretKeys.create', lava.secretKeys.create({ name: 'CI' }));
    expect(created.secret_key).toMatch(/^aks_test_/);
    const { data } = await answer('secretKeys.list', lava.secretKeys.list());
    expect(data.map((key) => key.secret_key_id)).toContain(created.secret_key_id);
    await answer('secretKeys.delete', lava.secretKeys.delete(created.secret_key_id));
    await expect(new Lava(created.secret_key, lavaConfig()).meters.list()).rejects.toThrow(/401/);
  });

  it('spend keys: create, list, retrieve, update, rotate, revoke', async () => {
    const key = await answer(
      'spendKeys.create',
      lava.spendKeys.create({
        name: 'Agent',
        allowed_models: ['gpt-4o-mini'],
        spend_limit: { amount: '5.00', cycle: 'monthly' },
        request_limit: { count: 100, cycle: 'daily' },
        rate_limit: { rpm: 60 },
        expires_at: new Date(START + 30 * 86_400_000).toISOString(),
      }),
    );
    expect(key.key).toMatch(/^lsk_test_/);
    await answer('spendKeys.list', lava.spendKeys.list({ limit: 5 }));
    await answer('spendKeys.retrieve', lava.spendKeys.retrieve(key.spend_key_id));
    const paused = await answer(
      'spendKeys.update',
      lava.spendKeys.update(key.spend_key_id, { status: 'paused', rate_limit: null }),
    );
    expect(paused).toMatchObject({ status: 'paused', rate_limit: null });
    const rotated = await answer('spendKeys.rotate', lava.spendKeys.rotate(key.spend_key_id));
    expect(rotated.key).not.toBe(key.key);
    expect(await answer('spendKeys.revoke', lava.spendKeys.revoke(key.spend_key_id))).toEqual({
      success: true,
    });
  });

  it('the customer a webhook event carries is a RestCustomer too', () => {
    const events = t.rows('webhook_events');
    expect(events.length).toBeGreaterThan(0);
    for (const event of events) {
      const { data } = JSON.parse(String(event.payload)) as { data: unknown };
      expectPublishedShape('RestCustomer', data);
    }
  });

  it('models: the list of what the gateway prices', async () => {
    const list = await answer('models.list', lava.models.list());
    expect(list.data.length).toBeGreaterThan(0);
    const services = await fetch(`${t.service.url}v1/services?provider=openai`, {
      headers: { authorization: `Bearer ${t.devMerchant.secretKey}` },
    });
    expect(services.status).toBe(200);
    const body = (await services.json()) as { data: Array<{ provider: string }> };
    expect(body.data.length).toBeGreaterThan(0);
    expect(body.data.every((m) => m.provider === 'openai')).toBe(true);
  });

  it('made every call of the SDK that the service serves', async () => {
    await answer('customers.delete', lava.customers.delete(apiCustomer));
    const calls = Object.keys(inject('publishedShapes').shapes).filter((name) =>
      name.includes('.'),
    );
    expect([...called].sort()).toEqual(calls.filter((call) => !NOT_SERVED.includes(call)).sort());
  });
});
