import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { balanceOf } from '../credits/balanceOf.ts';
import { checkLedger } from '../credits/checkLedger.ts';
import { toCreditUnits } from '../credits/creditUnits.ts';
import { createTestPaymentProcessor } from '../payments/createTestPaymentProcessor.ts';
import type { PaymentProcessor } from '../payments/PaymentProcessor.ts';
import { recoverPayments } from '../payments/recoverPayments.ts';
import { checkoutSubscription } from '../testing/checkoutSubscription.ts';
import { drawCreditsNow } from '../testing/drawCreditsNow.ts';
import { overageDueOf } from '../testing/overageDueOf.ts';
import type { TestService } from '../testing/startTestService.ts';
import { startTestServiceForTest } from '../testing/startTestServiceForTest.ts';
import { webhookEventsOf } from '../testing/webhookEventsOf.ts';
import { RENEWAL_RESUME_MS } from './renewalKey.ts';
import { renewDue } from './renewSubscriptions.ts';

const DAY = 86_400_000;

const subscription = (service: TestService) =>
  service.service.services.db
    .selectFrom('subscriptions')
    .select(['status', 'cycle_start_at', 'cycle_end_at'])
    .orderBy('created_at')
    .executeTakeFirstOrThrow();
const payments = (service: TestService) =>
  service.service.services.db
    .selectFrom('payments')
    .select(['kind', 'status', 'amount', 'overage_amount', 'idempotency_key', 'failure_code'])
    .orderBy('created_at')
    .orderBy('kind')
    .execute();
const renew = (service: TestService) => renewDue(service.service.services);
const travel = (service: TestService, ms: number) => {
  service.clock.now += ms;
};

/**
 * A service paying through the test processor (its ledger in a data folder of its own, on a
 * clock moved with the service's) as `wrap` changes it, a customer subscribed through it, and
 * the clock moved past the first cycle: the renewal is due.
 */
async function subscribedThenDue(wrap: (real: PaymentProcessor) => PaymentProcessor) {
  const dataDir = mkdtempSync(join(tmpdir(), 'lava-renew-'));
  const clock = { now: 0 };
  const real = createTestPaymentProcessor({
    ledgerFile: join(dataDir, 'processor.sqlite'),
    latencyMs: 1,
    now: () => new Date(clock.now),
  });
  const t = await startTestServiceForTest({ dataDir, parts: { payments: wrap(real) } });
  clock.now = t.clock.now;
  const { subscriptionId } = await checkoutSubscription(t);
  const first = await subscription(t);
  travel(t, 31 * DAY);
  clock.now = t.clock.now;
  return { t, real, subscriptionId, first, dataDir };
}

describe('renewals', () => {
  it('charges each ended cycle once, starts the next where the last ended, and resets the cycle credit', async () => {
    const t = await startTestServiceForTest();
    const { subscriptionId, customerId } = await checkoutSubscription(t);
    const first = await subscription(t);
    const { db } = t.service.services;

    // Part of the included credit used: it does not carry over (rollover none).
    await drawCreditsNow(t, customerId, toCreditUnits('10.00'));
    // Not due before the cycle ends.
    travel(t, 29 * DAY);
    expect(await renew(t)).toEqual({ renewed: 0, failed: 0, skipped: 0 });

    travel(t, 2 * DAY);
    expect((await renew(t)).renewed).toBe(1);
    // A second pass, and the job's, find nothing more to charge.
    expect((await renew(t)).renewed).toBe(0);
    await t.service.jobs?.runOnce();
    const second = await subscription(t);
    expect(second.cycle_start_at).toBe(first.cycle_end_at);
    expect(second.cycle_end_at).toBe('2027-01-22T12:00:00.000Z');
    expect(await payments(t)).toEqual([
      expect.objectContaining({ kind: 'plan', status: 'succeeded', amount: '49.00' }),
      {
        kind: 'renewal',
        status: 'succeeded',
        amount: '49.00',
        overage_amount: null,
        idempotency_key: `renewal:${subscriptionId}:${first.cycle_start_at}`,
        failure_code: null,
      },
    ]);
    const balance = await balanceOf(db, { customerId }, new Date(t.clock.now));
    expect(balance.cycle).toBe(toCreditUnits('25.00'));
    const renewed = await webhookEventsOf(t, 'subscription.renewed');
    expect(renewed).toEqual([
      expect.objectContaining({
        subscription_id: subscriptionId,
        cycle_start_at: first.cycle_end_at,
        cycle_end_at: '2027-01-22T12:00:00.000Z',
        amount: '49.00',
      }),
    ]);
    expect(await checkLedger(db)).toEqual([]);

    // Two cycles later (the clock moved past both): each charged once, one pass after the other.
    travel(t, 62 * DAY);
    expect((await renew(t)).renewed).toBe(2);
    expect((await payments(t)).filter((p) => p.kind === 'renewal')).toHaveLength(3);
    expect((await subscription(t)).cycle_start_at).toBe('2027-02-22T12:00:00.000Z');
  });

  it('charges usage beyond the credits as its own part of the renewal, to the cent below, keeping the rest due', async () => {
    const t = await startTestServiceForTest();
    const { customerId } = await checkoutSubscription(t);
    const { db } = t.service.services;
    await drawCreditsNow(t, customerId, toCreditUnits('37.123456'));
    travel(t, 31 * DAY);
    expect((await renew(t)).renewed).toBe(1);
    expect((await payments(t))[1]).toEqual(
      expect.objectContaining({ amount: '61.12', overage_amount: '12.12' }),
    );
    expect(await overageDueOf(db, customerId)).toBe(toCreditUnits('0.003456'));
    expect(await checkLedger(db)).toEqual([]);
  });

  it('tries a card declined off-session again 1, 3 and 5 days later, then cancels the subscription for the Free plan', async () => {
    const t = await startTestServiceForTest();
    // Pays at checkout; declined off-session.
    const { subscriptionId } = await checkoutSubscription(t, { card: '4000 0000 0000 0341' });
    const first = await subscription(t);
    travel(t, 30 * DAY);
    // Tried once, then left waiting for its retry: the pass after does not even read it.
    expect(await renew(t)).toEqual({ renewed: 0, failed: 1, skipped: 0 });
    // Not again before a day passed.
    travel(t, DAY - 1000);
    expect(await renew(t)).toEqual({ renewed: 0, failed: 0, skipped: 0 });
    travel(t, 1000);
    expect((await renew(t)).failed).toBe(1);
    travel(t, 2 * DAY - 1000);
    expect((await renew(t)).failed).toBe(0);
    travel(t, 1000);
    expect((await renew(t)).failed).toBe(1);
    expect((await subscription(t)).status).toBe('active');
    travel(t, 2 * DAY);
    expect((await renew(t)).failed).toBe(1);

    const all = await t.service.services.db
      .selectFrom('subscriptions')
      .innerJoin('plans', 'plans.id', 'subscriptions.plan_id')
      .select(['subscriptions.status', 'plans.name', 'plans.period_amount'])
      .orderBy('subscriptions.created_at')
      .execute();
    // Cancelled, and on the Free plan instead.
    expect(all).toEqual([
      { status: 'cancelled', name: 'Pro Plan', period_amount: '49.00' },
      { status: 'active', name: 'Free', period_amount: '0.00' },
    ]);
    const renewals = (await payments(t)).filter((p) => p.kind === 'renewal');
    const key = `renewal:${subscriptionId}:${first.cycle_start_at}`;
    expect(renewals.map((p) => [p.idempotency_key, p.status, p.failure_code])).toEqual([
      [key, 'failed', 'card_declined'],
      [`${key}:retry1`, 'failed', 'card_declined'],
      [`${key}:retry2`, 'failed', 'card_declined'],
      [`${key}:retry3`, 'failed', 'card_declined'],
    ]);
    const failed = await webhookEventsOf(t, 'subscription.payment_failed');
    expect(failed.map((e) => [e.attempt, e.next_attempt_at])).toEqual([
      [1, '2026-12-23T12:00:00.000Z'],
      [2, '2026-12-25T12:00:00.000Z'],
      [3, '2026-12-27T12:00:00.000Z'],
      [4, null],
    ]);
    expect(await webhookEventsOf(t, 'subscription.cancelled')).toHaveLength(1);
    // Nothing more is charged: the Free plan's cycles move on without a payment.
    travel(t, 40 * DAY);
    expect(await renew(t)).toEqual({ renewed: 1, failed: 0, skipped: 0 });
    expect((await payments(t)).filter((p) => p.kind === 'renewal')).toHaveLength(4);
  });

  it('reads only what is due: subscriptions waiting for a retry never hold back the rest', async () => {
    const t = await startTestServiceForTest();
    await checkoutSubscription(t, { card: '4000 0000 0000 0341' });
    travel(t, 1000);
    await checkoutSubscription(t, { phone: '+14155550101' });
    travel(t, 31 * DAY);
    // One subscription a pass: the declined one first (its cycle ended first), then the other.
    expect(await renewDue(t.service.services, { batch: 1 })).toEqual({
      renewed: 1,
      failed: 1,
      skipped: 0,
    });
    expect((await payments(t)).filter((p) => p.kind === 'renewal')).toEqual([
      expect.objectContaining({ status: 'failed', failure_code: 'card_declined' }),
      expect.objectContaining({ status: 'succeeded' }),
    ]);
  });

  it('tries a charge that never reached the card again minutes later, as no decline', async () => {
    let down = false;
    const { t, real, subscriptionId, first } = await subscribedThenDue((real) => ({
      ...real,
      createCharge: async (input) => {
        if (down) throw new Error('connect ECONNREFUSED');
        return real.createCharge(input);
      },
    }));
    down = true;
    expect(await renew(t)).toEqual({ renewed: 0, failed: 1, skipped: 0 });
    // Back minutes later: the cycle is charged under the next attempt's key.
    down = false;
    expect(await renew(t)).toEqual({ renewed: 0, failed: 0, skipped: 0 });
    travel(t, RENEWAL_RESUME_MS);
    expect(await renew(t)).toEqual({ renewed: 1, failed: 0, skipped: 0 });
    const key = `renewal:${subscriptionId}:${first.cycle_start_at}`;
    expect(
      (await payments(t))
        .filter((p) => p.kind === 'renewal')
        .map((p) => [p.idempotency_key, p.status, p.failure_code]),
    ).toEqual([
      [key, 'failed', 'processing_error'],
      [`${key}:retry1`, 'succeeded', null],
    ]);
    // Nothing to tell the merchant: the card was never declined.
    expect(await webhookEventsOf(t, 'subscription.payment_failed')).toEqual([]);
    real.close?.();
  });

  it('refuses off-session a card that needs authentication on every charge', async () => {
    const t = await startTestServiceForTest();
    await checkoutSubscription(t, { card: '4000 0027 6000 3184' });
    travel(t, 31 * DAY);
    expect((await renew(t)).failed).toBe(1);
    expect((await payments(t))[1]).toEqual(
      expect.objectContaining({ status: 'failed', failure_code: 'authentication_required' }),
    );
  });

  it('never charges a cycle twice when the service loses the charge between confirming and recording it', async () => {
    let lose = false;
    // As a crash right after the charge: the money moved, and the service never hears of it.
    const { t, real, subscriptionId, first, dataDir } = await subscribedThenDue((real) => ({
      ...real,
      confirmCharge: async (...args) => {
        const state = await real.confirmCharge(...args);
        if (lose) throw new Error('connection reset');
        return state;
      },
      getCharge: async (ref) => {
        if (lose) throw new Error('connection reset');
        return real.getCharge(ref);
      },
    }));
    lose = true;
    expect(await renew(t)).toEqual(expect.objectContaining({ renewed: 0, failed: 0 }));
    expect((await payments(t))[1]).toEqual(expect.objectContaining({ status: 'pending' }));
    // The job comes back while the charge is in flight: it claims nothing.
    expect(await renew(t)).toEqual(expect.objectContaining({ renewed: 0, failed: 0 }));
    lose = false;
    await t.service.jobs?.runOnce();
    expect((await payments(t)).filter((p) => p.kind === 'renewal')).toHaveLength(1);

    // Once its lease ran out, the recovery pass asks the processor and records the renewal.
    travel(t, 3 * 60_000);
    expect(await recoverPayments(t.service.services)).toBe(1);
    expect(await renew(t)).toEqual({ renewed: 0, failed: 0, skipped: 0 });
    expect((await payments(t)).filter((p) => p.kind === 'renewal')).toEqual([
      expect.objectContaining({
        status: 'succeeded',
        idempotency_key: `renewal:${subscriptionId}:${first.cycle_start_at}`,
      }),
    ]);
    expect((await subscription(t)).cycle_start_at).toBe(first.cycle_end_at);
    expect(await webhookEventsOf(t, 'subscription.renewed')).toHaveLength(1);
    // The processor moved money once for the plan and once for the renewal.
    const ledger = new Database(join(dataDir, 'processor.sqlite'), { readonly: true });
    expect(ledger.prepare('select amount, status from charges').all()).toEqual([
      { amount: '49.00', status: 'succeeded' },
      { amount: '49.00', status: 'succeeded' },
    ]);
    ledger.close();
    real.close?.();
  });
});
