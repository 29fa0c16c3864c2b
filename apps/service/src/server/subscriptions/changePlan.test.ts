import type { WebhookEventType } from '@lava-checkout/server';
import { Lava } from '@lavapayments/nodejs';
import { describe, expect, it } from 'vitest';
import { toCreditUnits } from '../credits/creditUnits.ts';
import { checkoutSubscription } from '../testing/checkoutSubscription.ts';
import { drawCreditsNow } from '../testing/drawCreditsNow.ts';
import { publishedShapeErrors } from '../testing/expectPublishedShape.ts';
import { liteAndMaxPlans } from '../testing/liteAndMaxPlans.ts';
import { type MerchantApi, merchantApi } from '../testing/merchantApi.ts';
import type { TestService } from '../testing/startTestService.ts';
import { startTestServiceForTest } from '../testing/startTestServiceForTest.ts';
import { DIALECTS, type Dialect } from '../testing/testDatabases.ts';
import { webhookEventsOf } from '../testing/webhookEventsOf.ts';
import { changePlan } from './changePlan.ts';
import { renewDue } from './renewSubscriptions.ts';

const DAY = 86_400_000;

interface Setup {
  t: TestService;
  api: MerchantApi;
  lava: Lava;
  customerId: string;
  subscriptionId: string;
  plans: { pro: string; lite: string; max: string };
}

/**
 * A customer on the dev merchant's Pro Plan (49.00 a month, 25.00 included), bought in a
 * checkout with `card`, and two more plans: Lite (9.00, 5.00 included) and Max (99.00, 80.00).
 */
async function setUp(dialect: Dialect, card = '4242 4242 4242 4242'): Promise<Setup> {
  const t = await startTestServiceForTest({ dialect });
  const api = merchantApi(t, t.devMerchant.secretKey);
  const plans = { pro: t.devMerchant.planId, ...(await liteAndMaxPlans(api)) };
  const { subscriptionId, customerId } = await checkoutSubscription(t, { card });
  const lava = new Lava(t.devMerchant.secretKey, { baseUrl: `${t.service.url}v1/` });
  return {
    t,
    api,
    lava,
    customerId,
    subscriptionId,
    plans,
  };
}

/** The customer's subscription through the published SDK, checked against its declared shape. */
async function published(s: Setup) {
  const answer = await s.lava.customers.getSubscription(s.customerId);
  expect(publishedShapeErrors('customers.getSubscription', answer)).toEqual([]);
  return answer.subscription;
}

const events = (s: Setup, type: WebhookEventType) => webhookEventsOf(s.t, type);
const payments = (s: Setup) =>
  s.t.service.services.db
    .selectFrom('payments')
    .select(['kind', 'status', 'amount', 'plan_id', 'subscription_id', 'failure_code'])
    .orderBy('created_at')
    .execute();
const travel = (s: Setup, ms: number) => {
  s.t.clock.now += ms;
};
const renew = (s: Setup) => renewDue(s.t.service.services);
const change = (s: Setup, planId: string) =>
  changePlan(s.t.service.services, {
    merchantId: s.t.devMerchant.merchantId,
    customerId: s.customerId,
    planId,
  });

describe.each(DIALECTS)('on %s', (dialect) => {
  describe('a downgrade at the end of the cycle', () => {
    it('shows as pending_change, then renews on the cheaper plan at its price when the cycle ends', async () => {
      const s = await setUp(dialect);
      const before = await published(s);
      const cycleEnd = before?.cycle_end_at;
      expect(before?.pending_change).toBeNull();

      expect(await change(s, s.plans.lite)).toEqual({
        type: 'downgrade',
        subscription_id: s.subscriptionId,
        plan_id: s.plans.lite,
        pending_change: {
          type: 'downgrade',
          effective_at: cycleEnd,
          plan_id: s.plans.lite,
          name: 'Lite',
          period_amount: '9.00',
          included_credit: '5.00',
        },
      });
      const pending = await published(s);
      expect(pending).toMatchObject({
        plan_id: s.plans.pro,
        plan: { name: 'Pro Plan', period_amount: '49.00' },
        credits: { cycle_remaining: '25.00' },
        pending_change: { type: 'downgrade', effective_at: cycleEnd, plan_id: s.plans.lite },
      });
      expect(await events(s, 'subscription.updated')).toEqual([
        expect.objectContaining({
          subscription_id: s.subscriptionId,
          change: 'pending_change_set',
          pending_change: expect.objectContaining({ type: 'downgrade', plan_id: s.plans.lite }),
        }),
      ]);
      // Nothing charged: the plan is the customer's until the cycle ends.
      expect((await payments(s)).map((p) => p.kind)).toEqual(['plan']);

      // A second before the end, nothing happens.
      travel(s, Date.parse(cycleEnd ?? '') - s.t.clock.now - 1000);
      await renew(s);
      expect((await published(s))?.plan_id).toBe(s.plans.pro);

      travel(s, 1000);
      await renew(s);
      const after = await published(s);
      expect(after).toMatchObject({
        subscription_id: s.subscriptionId,
        plan_id: s.plans.lite,
        status: 'active',
        cycle_start_at: cycleEnd,
        plan: { name: 'Lite', period_amount: '9.00', included_credit: '5.00' },
        credits: { cycle_remaining: '5.00', bundle_remaining: '0.00' },
        pending_change: null,
      });
      expect((await payments(s)).at(-1)).toMatchObject({
        kind: 'renewal',
        status: 'succeeded',
        amount: '9.00',
        plan_id: s.plans.lite,
      });
      expect((await events(s, 'subscription.updated')).map((e) => e.change)).toEqual([
        'pending_change_set',
        'pending_change_applied',
      ]);
      expect(await events(s, 'subscription.renewed')).toEqual([
        expect.objectContaining({ plan_id: s.plans.lite, amount: '9.00' }),
      ]);
    });

    it('is taken back by choosing the current plan again', async () => {
      const s = await setUp(dialect);
      await change(s, s.plans.lite);
      expect(await change(s, s.plans.pro)).toMatchObject({
        type: 'unchanged',
        pending_change: null,
      });
      expect((await published(s))?.pending_change).toBeNull();
      travel(s, 31 * DAY);
      await renew(s);
      expect((await payments(s)).at(-1)).toMatchObject({ kind: 'renewal', amount: '49.00' });
      expect((await events(s, 'subscription.updated')).map((e) => e.change)).toEqual([
        'pending_change_set',
        'pending_change_cleared',
      ]);
    });
  });

  describe('a cancellation at the end of the cycle', () => {
    it('is set and unset through PATCH /v1/subscriptions/:id, then ends the subscription uncharged onto the Free plan', async () => {
      const s = await setUp(dialect);
      const path = `subscriptions/${s.subscriptionId}`;
      const cycleEnd = (await published(s))?.cycle_end_at;

      expect((await s.api('PATCH', path, { cancel_at_cycle_end: true })).body).toEqual({
        success: true,
      });
      expect((await published(s))?.pending_change).toEqual({
        type: 'cancellation',
        effective_at: cycleEnd,
      });
      await s.api('PATCH', path, { cancel_at_cycle_end: false });
      expect((await published(s))?.pending_change).toBeNull();
      await s.api('PATCH', path, { cancel_at_cycle_end: true });
      // Setting it again changes nothing, and announces nothing.
      await s.api('PATCH', path, { cancel_at_cycle_end: true });
      expect((await events(s, 'subscription.updated')).map((e) => e.change)).toEqual([
        'pending_change_set',
        'pending_change_cleared',
        'pending_change_set',
      ]);

      travel(s, Date.parse(cycleEnd ?? '') - s.t.clock.now);
      await renew(s);
      // No renewal charge; the customer is on the Free plan.
      expect((await payments(s)).map((p) => p.kind)).toEqual(['plan']);
      const free = await published(s);
      expect(free).toMatchObject({
        plan: { name: 'Free', period_amount: '0.00' },
        status: 'active',
        pending_change: null,
      });
      expect(free?.subscription_id).not.toBe(s.subscriptionId);
      const ended = (
        await s.api<{ data: { subscription_id: string; status: string; cancelled_at: string }[] }>(
          'GET',
          `subscriptions?status=cancelled&customer_id=${s.customerId}`,
        )
      ).body.data;
      expect(ended).toEqual([
        expect.objectContaining({
          subscription_id: s.subscriptionId,
          status: 'cancelled',
          cancelled_at: cycleEnd,
          pending_change: null,
        }),
      ]);
      expect(await events(s, 'subscription.updated')).toHaveLength(4);
      expect((await events(s, 'subscription.updated')).at(-1)).toMatchObject({
        change: 'pending_change_applied',
        pending_change: { type: 'cancellation', effective_at: cycleEnd },
      });
      expect(await events(s, 'subscription.cancelled')).toEqual([
        expect.objectContaining({ subscription_id: s.subscriptionId }),
      ]);
      // Later cycles of the Free plan charge nothing either.
      travel(s, 62 * DAY);
      await renew(s);
      expect((await payments(s)).map((p) => p.kind)).toEqual(['plan']);
    });

    it('DELETE still cancels at once, whatever is pending', async () => {
      const s = await setUp(dialect);
      await s.api('PATCH', `subscriptions/${s.subscriptionId}`, { cancel_at_cycle_end: true });
      expect((await s.api('DELETE', `subscriptions/${s.subscriptionId}`)).body).toEqual({
        success: true,
      });
      expect(await published(s)).toBeNull();
      // A cancelled subscription has nothing left to change.
      const again = await s.api('PATCH', `subscriptions/${s.subscriptionId}`, {
        cancel_at_cycle_end: false,
      });
      expect(again.status).toBe(409);
    });
  });

  describe('an upgrade', () => {
    it('applies at once and charges the new price less the unused share of the current one, to the cent', async () => {
      const s = await setUp(dialect);
      // Some of the cycle credit used: what is left of it is not carried into the new plan.
      await drawCreditsNow(s.t, s.customerId, toCreditUnits('10.00'));
      await change(s, s.plans.lite);
      const before = await published(s);
      // 12 days into the 30-day cycle (Nov 22 to Dec 22): 18/30 of 49.00 is unused.
      travel(s, 12 * DAY);

      expect(await change(s, s.plans.max)).toEqual({
        type: 'upgrade',
        subscription_id: s.subscriptionId,
        plan_id: s.plans.max,
        payment_id: expect.stringMatching(/^pay_/),
        unused: '29.40',
        amount: '69.60',
      });
      expect((await payments(s)).at(-1)).toEqual({
        kind: 'upgrade',
        status: 'succeeded',
        amount: '69.60',
        plan_id: s.plans.max,
        subscription_id: s.subscriptionId,
        failure_code: null,
      });
      const now = new Date(s.t.clock.now).toISOString();
      expect(await published(s)).toMatchObject({
        subscription_id: s.subscriptionId,
        plan_id: s.plans.max,
        started_at: before?.started_at,
        cycle_start_at: now,
        cycle_end_at: '2027-01-04T12:00:00.000Z',
        plan: { name: 'Max', period_amount: '99.00' },
        credits: { cycle_remaining: '80.00', bundle_remaining: '0.00' },
        // The upgrade replaces the pending downgrade.
        pending_change: null,
      });
      expect((await events(s, 'subscription.updated')).at(-1)).toMatchObject({
        change: 'plan_upgraded',
        previous_plan_id: s.plans.pro,
        plan_id: s.plans.max,
        amount: '69.60',
        cycle_start_at: now,
      });

      // The next renewal charges the new plan's price, at the new cycle's end.
      travel(s, Date.parse('2027-01-04T12:00:00.000Z') - s.t.clock.now);
      await renew(s);
      expect((await payments(s)).at(-1)).toMatchObject({ kind: 'renewal', amount: '99.00' });
    });

    it('is refused, and changes nothing, when the saved card declines off-session', async () => {
      const s = await setUp(dialect, '4000 0000 0000 0341');
      await expect(change(s, s.plans.max)).rejects.toMatchObject({ code: 'card_declined' });
      expect(await published(s)).toMatchObject({ plan_id: s.plans.pro, pending_change: null });
      expect((await payments(s)).at(-1)).toMatchObject({ kind: 'upgrade', status: 'failed' });
      expect(await events(s, 'subscription.updated')).toEqual([]);
    });
  });
});
