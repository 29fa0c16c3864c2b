import { beforeEach, describe, expect, it } from 'vitest';
import { expectQueryRefused } from '../../testing/expectQueryRefused.ts';
import { merchantApiEachTest, seedCatalog, subscribedCustomer } from '../../testing/merchantApi.ts';

const { t, api } = merchantApiEachTest();
let plan: Awaited<ReturnType<typeof seedCatalog>>['plan'];
let customerId: string;
let subscriptionId: string;
beforeEach(async () => {
  ({ plan } = await seedCatalog(api));
  customerId = await subscribedCustomer(t, { planId: plan.plan_id });
  subscriptionId = String(
    (await api<{ data: { subscription_id: string }[] }>('GET', 'subscriptions')).body.data[0]
      ?.subscription_id,
  );
});

describe('GET /v1/subscriptions', () => {
  it('lists active subscriptions with their customer, filtered by status and customer', async () => {
    const list = await api('GET', 'subscriptions');
    expect(list.body).toEqual({
      data: [
        expect.objectContaining({
          subscription_id: subscriptionId,
          customer_id: customerId,
          customer: { phone: '+14155550100' },
          plan_id: plan.plan_id,
          status: 'active',
          credits: { total_remaining: '25.00', cycle_remaining: '25.00', bundle_remaining: '0.00' },
        }),
      ],
      has_more: false,
    });
    await api('DELETE', `subscriptions/${subscriptionId}`);
    expect((await api<{ data: unknown[] }>('GET', 'subscriptions')).body.data).toHaveLength(0);
    expect(
      (await api<{ data: unknown[] }>('GET', 'subscriptions?status=cancelled')).body.data,
    ).toHaveLength(1);
    expect(
      (await api<{ data: unknown[] }>('GET', `subscriptions?status=all&customer_id=${customerId}`))
        .body.data,
    ).toHaveLength(1);
  });

  it.each([
    ['status', 'subscriptions?status=paused'],
    ['limit', 'subscriptions?limit=-1'],
    ['customer_id', 'subscriptions?customer_id=con_test_01KK2NQPKARMY7D3HK65C2ZSYK'],
  ])('refuses a bad %s', (param, path) => expectQueryRefused(api, path, param));
});

describe('PATCH /v1/subscriptions/:id', () => {
  it('sets and clears the auto top-up bundle, which must be one of its plan', async () => {
    const bundleId = plan.credit_bundles[0]?.credit_bundle_id;
    expect(
      await api('PATCH', `subscriptions/${subscriptionId}`, { auto_top_up_bundle_id: bundleId }),
    ).toMatchObject({
      status: 200,
      body: { success: true },
    });
    expect((await api('GET', `customers/${customerId}/subscription`)).body).toMatchObject({
      subscription: { auto_top_up_bundle_id: bundleId },
    });
    await api('PATCH', `subscriptions/${subscriptionId}`, { auto_top_up_bundle_id: null });
    expect((await api('GET', `customers/${customerId}/subscription`)).body).toMatchObject({
      subscription: { auto_top_up_bundle_id: null },
    });
  });

  it.each([
    ['auto_top_up_bundle_id', { auto_top_up_bundle_id: 'cb_not_of_this_plan' }, 404],
    ['auto_top_up_bundle_id', { auto_top_up_bundle_id: 5 }, 400],
    ['plan_id', { plan_id: 'sc_1' }, 400],
  ])('refuses a bad %s, and changes nothing', async (param, body, status) => {
    expect(await api('PATCH', `subscriptions/${subscriptionId}`, body)).toMatchObject({
      status,
      body: { error: { param } },
    });
    expect((await api('GET', `customers/${customerId}/subscription`)).body).toMatchObject({
      subscription: { auto_top_up_bundle_id: null },
    });
  });
});

describe('DELETE /v1/subscriptions/:id', () => {
  it('cancels at once, announces subscription.cancelled once, and succeeds again without a second event', async () => {
    expect(await api('DELETE', `subscriptions/${subscriptionId}`)).toMatchObject({
      status: 200,
      body: { success: true },
    });
    expect((await api('GET', `customers/${customerId}`)).body).toMatchObject({
      subscription: null,
    });
    expect(await api('DELETE', `subscriptions/${subscriptionId}`)).toMatchObject({
      status: 200,
      body: { success: true },
    });
    const cancelled = t.rows('webhook_events').filter((e) => e.type === 'subscription.cancelled');
    expect(cancelled).toHaveLength(1);
    expect(JSON.parse(String(cancelled[0]?.payload))).toMatchObject({
      event: 'subscription.cancelled',
      data: {
        customer_id: customerId,
        subscription_id: subscriptionId,
        plan_id: plan.plan_id,
        subscription: null,
      },
    });
  });

  it('answers 404 for an unknown subscription', async () => {
    expect((await api('DELETE', 'subscriptions/sub_test_01KK2NQPKARMY7D3HK65C2ZSYK')).status).toBe(
      404,
    );
  });
});
