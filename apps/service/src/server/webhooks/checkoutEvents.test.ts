import { describe, expect, it } from 'vitest';
import { merchantApi, seedCatalog, subscribedCustomer } from '../testing/merchantApi.ts';
import { type TestService, testPaymentMethod } from '../testing/startTestService.ts';
import { startTestServiceForTest } from '../testing/startTestServiceForTest.ts';
import { DIALECTS } from '../testing/testDatabases.ts';

async function events(service: TestService) {
  const rows = await service.service.services.db
    .selectFrom('webhook_events')
    .select(['type', 'payload'])
    .orderBy('id')
    .execute();
  return rows.map(
    (row) =>
      JSON.parse(row.payload) as { id: string; event: string; data: Record<string, unknown> },
  );
}

describe.each(DIALECTS)('checkout writes its webhook events, on %s', (dialect) => {
  it('announces a new customer, its subscription and the completed checkout, in the checkout transaction', async () => {
    const t = await startTestServiceForTest({ dialect });
    const session = await t.mint();
    await t.post('phone', session.secret, { phone: '+1 415 555 0100' });
    await t.post('code', session.secret, { code: await t.latestCode() });
    expect(await events(t)).toEqual([]);
    const paid = (await (
      await t.post('subscribe', session.secret, testPaymentMethod())
    ).json()) as { customer_id: string; subscription_id: string };
    const written = await events(t);
    expect(written.map((e) => e.event).sort()).toEqual([
      'checkout.completed',
      'customer.created',
      'subscription.created',
    ]);
    expect(written.find((e) => e.event === 'checkout.completed')).toMatchObject({
      id: expect.stringMatching(/^evt_test_/),
      data: {
        customer_id: paid.customer_id,
        contact: { phone: '+14155550100' },
        subscription: { subscription_id: paid.subscription_id, name: 'Pro Plan', status: 'active' },
        checkout_session_id: session.id,
        checkout_mode: 'subscription',
        plan_id: t.devMerchant.planId,
        subscription_id: paid.subscription_id,
      },
    });
  });

  it('announces a change to a plan that costs no more as a pending change, not a cancellation, and only the checkout when they already had it', async () => {
    const t = await startTestServiceForTest({ dialect });
    const { plan } = await seedCatalog(merchantApi(t, t.devMerchant.secretKey));
    const later = () => {
      // Past the phone's resend cool-down.
      if (t) t.clock.now += 11 * 60_000;
    };
    await subscribedCustomer(t);
    later();
    await subscribedCustomer(t, { planId: plan.plan_id });
    const types = (await events(t)).map((e) => e.event);
    expect(types.filter((type) => type === 'subscription.cancelled')).toHaveLength(0);
    expect(types.filter((type) => type === 'subscription.updated')).toHaveLength(1);
    expect(types.filter((type) => type === 'customer.created')).toHaveLength(1);
    const before = types.length;
    later();
    await subscribedCustomer(t, { planId: plan.plan_id });
    expect((await events(t)).slice(before).map((e) => e.event)).toEqual(['checkout.completed']);
  });
});
