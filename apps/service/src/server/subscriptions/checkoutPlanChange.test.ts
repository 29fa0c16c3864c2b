import type { WebhookEventType } from '@lava-checkout/server';
import { describe, expect, it } from 'vitest';
import { checkoutSubscription } from '../testing/checkoutSubscription.ts';
import { liteAndMaxPlans } from '../testing/liteAndMaxPlans.ts';
import { type MerchantApi, merchantApi } from '../testing/merchantApi.ts';
import { type TestService, testPaymentMethod } from '../testing/startTestService.ts';
import { startTestServiceForTest } from '../testing/startTestServiceForTest.ts';
import { DIALECTS, type Dialect } from '../testing/testDatabases.ts';

const DAY = 86_400_000;
const PHONE = '+14155550100';

async function start(dialect: Dialect) {
  const t = await startTestServiceForTest({ dialect });
  const api = merchantApi(t, t.devMerchant.secretKey);
  const plans = (await api<{ data: { plan_id: string; name: string }[] }>('GET', 'plans?limit=100'))
    .body.data;
  const free = plans.find((plan) => plan.name === 'Free')?.plan_id ?? '';
  return {
    t,
    api,
    plans: {
      pro: t.devMerchant.planId,
      free,
      ...(await liteAndMaxPlans(api)),
    },
  };
}

/** A checkout of `planId` up to the verified phone: the code step's answer and the session. */
async function verified(service: TestService, planId: string) {
  const { id, secret } = await service.mint({ plan_id: planId });
  expect((await service.post('phone', secret, { phone: '+1 415 555 0100' })).status).toBe(200);
  const answer = await service.post('code', secret, { code: await service.latestCode(PHONE) });
  expect(answer.status).toBe(200);
  return { id, secret, body: (await answer.json()) as Record<string, unknown> };
}

const subscribed = async (service: TestService, planId: string) => {
  const { customerId, subscriptionId } = await checkoutSubscription(service, { planId });
  return { customer_id: customerId, subscription_id: subscriptionId };
};

const subscriptionOf = async (api: MerchantApi, customerId: string) =>
  (
    await api<{ subscription: Record<string, unknown> & { pending_change: unknown } }>(
      'GET',
      `customers/${customerId}/subscription`,
    )
  ).body.subscription;
const rows = (service: TestService, table: 'payments' | 'payment_methods' | 'checkout_sessions') =>
  service.service.services.db.selectFrom(table).selectAll().execute();
const eventTypes = async (service: TestService) =>
  (
    await service.service.services.db
      .selectFrom('webhook_events')
      .select('type')
      .orderBy('created_at')
      .orderBy('id')
      .execute()
  ).map((row) => row.type as WebhookEventType);

describe.each(DIALECTS)('on %s', (dialect) => {
  describe('a checkout of a $0 plan', () => {
    it('verifies the phone and completes without a card or a charge', async () => {
      const { t, api, plans } = await start(dialect);
      const { id, secret, body } = await verified(t, plans.free);
      expect(body).toEqual({
        verified: true,
        subscribed_without_card: {
          status: 'succeeded',
          checkout_session_id: id,
          customer_id: expect.stringMatching(/^con_/),
          subscription_id: expect.stringMatching(/^sub_/),
          starts_at: null,
        },
      });
      const done = body.subscribed_without_card as { customer_id: string; subscription_id: string };
      expect(await subscriptionOf(api, done.customer_id)).toMatchObject({
        subscription_id: done.subscription_id,
        plan_id: plans.free,
        status: 'active',
      });
      expect(await rows(t, 'payments')).toEqual([]);
      expect(await rows(t, 'payment_methods')).toEqual([]);
      expect((await rows(t, 'checkout_sessions'))[0]).toMatchObject({
        status: 'completed',
        customer_id: done.customer_id,
      });
      expect((await eventTypes(t)).sort()).toEqual([
        'checkout.completed',
        'customer.created',
        'subscription.created',
      ]);
      // Nothing is left to pay.
      const again = await t.post('subscribe', secret, testPaymentMethod());
      expect(again.status).toBeGreaterThanOrEqual(400);
      expect(await rows(t, 'payments')).toEqual([]);
    });
  });

  describe('a checkout of another plan by a customer who has a paid one', () => {
    it('a cheaper plan: completes without a card, pending as a downgrade for the end of the cycle', async () => {
      const { t, api, plans } = await start(dialect);
      const pro = await subscribed(t, plans.pro);
      const cycleEnd = (await subscriptionOf(api, pro.customer_id))?.cycle_end_at;
      t.clock.now += 60_000;
      const { id, body } = await verified(t, plans.lite);
      expect(body).toEqual({
        verified: true,
        subscribed_without_card: {
          status: 'succeeded',
          checkout_session_id: id,
          customer_id: pro.customer_id,
          subscription_id: pro.subscription_id,
          starts_at: cycleEnd,
        },
      });
      expect(await subscriptionOf(api, pro.customer_id)).toMatchObject({
        plan_id: plans.pro,
        pending_change: { type: 'downgrade', effective_at: cycleEnd, plan_id: plans.lite },
      });
      expect((await rows(t, 'payments')).map((p) => p.kind)).toEqual(['plan']);
    });

    it('a more expensive plan: the card pays the prorated amount the code step named, and the subscription moves at once', async () => {
      const { t, api, plans } = await start(dialect);
      const pro = await subscribed(t, plans.pro);
      t.clock.now += 12 * DAY;
      const { id, secret, body } = await verified(t, plans.max);
      // 99.00 less 18/30 of 49.00.
      expect(body).toEqual({ verified: true, amount_due: '69.60' });
      const paid = await t.post(
        'subscribe',
        secret,
        testPaymentMethod('4242 4242 4242 4242', '11 / 33'),
      );
      expect(await paid.json()).toEqual({
        status: 'succeeded',
        checkout_session_id: id,
        customer_id: pro.customer_id,
        subscription_id: pro.subscription_id,
      });
      expect((await rows(t, 'payments')).at(-1)).toMatchObject({
        kind: 'upgrade',
        status: 'succeeded',
        amount: '69.60',
        session_id: id,
        subscription_id: pro.subscription_id,
        plan_id: plans.max,
      });
      expect(await subscriptionOf(api, pro.customer_id)).toMatchObject({
        subscription_id: pro.subscription_id,
        plan_id: plans.max,
        cycle_start_at: new Date(t.clock.now).toISOString(),
        credits: { cycle_remaining: '80.00' },
      });
      // The card given here pays the renewals from now on.
      const cards = await rows(t, 'payment_methods');
      expect(cards.map((card) => card.exp_year)).toEqual([2034, 2033]);
      const subscription = await t.service.services.db
        .selectFrom('subscriptions')
        .select('payment_method_id')
        .where('id', '=', pro.subscription_id)
        .executeTakeFirstOrThrow();
      expect(subscription.payment_method_id).toBe(cards[1]?.id);
      expect((await eventTypes(t)).slice(-2).sort()).toEqual([
        'checkout.completed',
        'subscription.updated',
      ]);
    });
  });
});
