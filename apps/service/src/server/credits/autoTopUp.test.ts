import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { chargePayment } from '../payments/chargePayment.ts';
import { createTestPaymentProcessor } from '../payments/createTestPaymentProcessor.ts';
import { recoverPayments } from '../payments/recoverPayments.ts';
import type { Db } from '../platform/db/Database.ts';
import { checkoutSubscription } from '../testing/checkoutSubscription.ts';
import { merchantApi } from '../testing/merchantApi.ts';
import { postgresPoolsForTest } from '../testing/postgresPoolsForTest.ts';
import { recordRequestsAtOnce } from '../testing/recordRequestsAtOnce.ts';
import { type TestService, testPaymentMethod } from '../testing/startTestService.ts';
import { startTestServiceForTest } from '../testing/startTestServiceForTest.ts';
import { AT, storeFixtures } from '../testing/storeFixtures.ts';
import type { Dialect } from '../testing/testDatabases.ts';
import { turnOnAutoTopUp } from '../testing/turnOnAutoTopUp.ts';
import { webhookEventsOf } from '../testing/webhookEventsOf.ts';
import { balanceOf } from './balanceOf.ts';
import { checkLedger } from './checkLedger.ts';
import { claimTopUp } from './claimTopUp.ts';
import { toCreditUnits } from './creditUnits.ts';
import { drawCredits } from './drawCredits.ts';
import { maybeAutoTopUp } from './maybeAutoTopUp.ts';
import { setAutoTopUp } from './setAutoTopUp.ts';

// Hundreds of requests over loopback and a processor that takes real time: slow on a busy machine.
vi.setConfig({ testTimeout: 30_000 });

/** Each charge takes this long at the processor: top-ups stay in flight while draws go on. */
const PROCESSOR_MS = 40;

/** The dev plan's bundle named `name` ("$25 Top-up", "$100 Top-up"). */
const bundleId = async (service: TestService, name: string) =>
  (
    await service.service.services.db
      .selectFrom('credit_bundles')
      .select('id')
      .where('name', '=', name)
      .executeTakeFirstOrThrow()
  ).id;

const topUps = (service: TestService) =>
  service.service.services.db
    .selectFrom('payments')
    .select(['status', 'amount', 'failure_code', 'idempotency_key', 'payment_method_ref'])
    .where('kind', '=', 'top_up')
    .orderBy('created_at')
    .orderBy('idempotency_key')
    .execute();

const account = (service: TestService, customerId: string) =>
  service.service.services.db
    .selectFrom('credit_accounts')
    .select(['available', 'overage_due'])
    .where('customer_id', '=', customerId)
    .executeTakeFirstOrThrow();

describe.each<Dialect>(['sqlite', 'postgres'])('auto top-up on %s', (dialect) => {
  it('100 concurrent usage records that exhaust the credits fire exactly one top-up, which pays the overage first', async () => {
    const t = await startTestServiceForTest({
      dialect,
      config: { payments: { kind: 'test', latencyMs: PROCESSOR_MS } },
    });
    const { customerId, subscriptionId } = await checkoutSubscription(t);
    const { db } = t.service.services;
    const bundle = await bundleId(t, '$25 Top-up');
    expect(
      await setAutoTopUp(t.service.services, {
        merchantId: t.devMerchant.merchantId,
        customerId,
        bundleId: bundle,
      }),
    ).toEqual({ subscription_id: subscriptionId, auto_top_up_bundle_id: bundle });

    // 100 x 0.30 = 30.00 against 25.00 of included credit: the credits run out at the 84th.
    await recordRequestsAtOnce(t, customerId, 100, 'race');

    const payments = await topUps(t);
    expect(payments).toHaveLength(1);
    expect(payments[0]).toMatchObject({ status: 'succeeded', amount: '25.00' });
    // 25.00 included + 25.00 bought - 30.00 used; whatever ran over before the top-up landed
    // was paid out of it, so nothing is left for the renewal to charge.
    const balance = await balanceOf(db, { customerId }, new Date(t.clock.now));
    expect(balance.total).toBe(toCreditUnits('20.00'));
    expect(BigInt((await account(t, customerId)).overage_due)).toBe(0n);
    expect(await checkLedger(db)).toEqual([]);
    const purchased = await webhookEventsOf(t, 'credits.purchased');
    expect(purchased).toEqual([
      expect.objectContaining({
        source: 'auto_top_up',
        customer_id: customerId,
        subscription_id: subscriptionId,
        credit_bundle_id: bundle,
        credit_amount: '25.00',
        amount: '25.00',
      }),
    ]);
    const covered = toCreditUnits(purchased[0]?.overage_amount as string);
    expect(covered).toBeGreaterThan(0n);
  });
});

describe('auto top-up', () => {
  it('after a declined top-up, none again that cycle until the card is replaced', async () => {
    // Pays at checkout, declined off-session.
    const t = await startTestServiceForTest();
    const { customerId, subscriptionId } = await checkoutSubscription(t, {
      card: '4000 0000 0000 0341',
    });
    const { services } = t.service;
    const { db } = services;
    await turnOnAutoTopUp(t, customerId);

    await recordRequestsAtOnce(t, customerId, 90, 'first');
    expect(await topUps(t)).toEqual([
      expect.objectContaining({ status: 'failed', failure_code: 'card_declined' }),
    ]);
    // More usage, still out of credits: the declined card is not tried again this cycle.
    await recordRequestsAtOnce(t, customerId, 10, 'more');
    expect(await maybeAutoTopUp(services, { customerId })).toEqual({ kind: 'blocked' });
    expect(await topUps(t)).toHaveLength(1);

    // The customer replaces the card (one that pays off-session): the next draw tops up.
    const card = testPaymentMethod('4242 4242 4242 4242').payment_method;
    const replaced = await db
      .insertInto('payment_methods')
      .values({
        id: 'pm_replaced',
        customer_id: customerId,
        processor_ref: card,
        brand: 'visa',
        last4: '4242',
        exp_month: 12,
        exp_year: 2034,
        created_at: new Date(t.clock.now).toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .updateTable('subscriptions')
      .set({ payment_method_id: replaced.id })
      .where('id', '=', subscriptionId)
      .execute();
    await recordRequestsAtOnce(t, customerId, 1, 'after');
    const after = await topUps(t);
    expect(after.map((p) => p.status)).toEqual(['failed', 'succeeded']);
    expect(after[1]?.payment_method_ref).toBe(card);
    expect(await checkLedger(db)).toEqual([]);
  });

  it('stops at the cap per cycle: the merchant’s, else 5', async () => {
    const t = await startTestServiceForTest();
    const { customerId } = await checkoutSubscription(t);
    const { services } = t.service;
    const api = merchantApi(t, t.devMerchant.secretKey);
    expect((await api('PATCH', 'merchant', { auto_top_ups_per_cycle: 2 })).status).toBe(200);
    await turnOnAutoTopUp(t, customerId);
    // 30.00 used a round, one after the other: each round runs through what the last bought.
    for (let round = 0; round < 4; round++)
      await recordRequestsAtOnce(t, customerId, 100, `r${round}`);
    const payments = await topUps(t);
    expect(payments.map((p) => p.status)).toEqual(['succeeded', 'succeeded']);
    expect(await maybeAutoTopUp(services, { customerId })).toEqual({ kind: 'limit_reached' });
    expect(await checkLedger(services.db)).toEqual([]);
  });

  it("follows the plan's default bundle, and setAutoTopUp(null) turns it off", async () => {
    const t = await startTestServiceForTest();
    const { customerId } = await checkoutSubscription(t);
    const { services } = t.service;
    const api = merchantApi(t, t.devMerchant.secretKey);
    const bundle = await bundleId(t, '$100 Top-up');
    // No default: nothing to buy.
    await recordRequestsAtOnce(t, customerId, 90, 'none');
    expect(await topUps(t)).toEqual([]);

    expect(
      (
        await api('PATCH', `plans/${t.devMerchant.planId}`, {
          default_auto_top_up_bundle_id: bundle,
        })
      ).status,
    ).toBe(200);
    const shown = await api<{ subscription: { auto_top_up_bundle_id: string | null } }>(
      'GET',
      `customers/${customerId}/subscription`,
    );
    expect(shown.body.subscription.auto_top_up_bundle_id).toBe(bundle);
    await recordRequestsAtOnce(t, customerId, 1, 'default');
    expect(await topUps(t)).toEqual([expect.objectContaining({ amount: '100.00' })]);

    await setAutoTopUp(services, {
      merchantId: t.devMerchant.merchantId,
      customerId,
      bundleId: null,
    });
    const off = await api<{ subscription: { auto_top_up_bundle_id: string | null } }>(
      'GET',
      `customers/${customerId}/subscription`,
    );
    expect(off.body.subscription.auto_top_up_bundle_id).toBeNull();
    await recordRequestsAtOnce(t, customerId, 400, 'off');
    expect(await topUps(t)).toHaveLength(1);
    expect(await maybeAutoTopUp(services, { customerId })).toEqual({ kind: 'off' });
  });
});

describe('auto top-up after a crash', () => {
  it('a claim never charged is released without blocking the next; one charged but never recorded is recorded by recovery, once', async () => {
    const t = await startTestServiceForTest();
    const { customerId } = await checkoutSubscription(t);
    const { services } = t.service;
    const { db } = services;
    // Out of credits (27.00 used of 25.00) before auto top-up was turned on.
    await recordRequestsAtOnce(t, customerId, 90, 'use');
    await turnOnAutoTopUp(t, customerId);
    // A process claims a top-up and dies before charging it: recovery finds nothing charged.
    expect((await claimTopUp(services, { customerId, threshold: 0n })).kind).toBe('claimed');
    t.clock.now += 3 * 60_000;
    expect(await recoverPayments(services)).toBe(1);
    expect(await topUps(t)).toEqual([
      expect.objectContaining({ status: 'failed', failure_code: 'processing_error' }),
    ]);
    // That says nothing about the card: the next claim goes ahead; its process dies after the
    // charge, before recording it.
    const claim = await claimTopUp(services, { customerId, threshold: 0n });
    if (claim.kind !== 'claimed') throw new Error(`not claimed: ${claim.kind}`);
    const charge = await chargePayment(
      services.payments,
      claim.payment,
      'Lava Demo Merchant: $25 Top-up',
    );
    expect(charge.state.status).toBe('succeeded');
    t.clock.now += 3 * 60_000;
    expect(await recoverPayments(services)).toBe(1);
    expect(await recoverPayments(services)).toBe(0);
    expect((await topUps(t)).map((p) => p.status)).toEqual(['failed', 'succeeded']);
    // 25.00 bought, 2.00 of it paid the overage.
    const balance = await balanceOf(db, { customerId }, new Date(t.clock.now));
    expect(balance.total).toBe(toCreditUnits('23.00'));
    expect(BigInt((await account(t, customerId)).overage_due)).toBe(0n);
    expect(await checkLedger(db)).toEqual([]);
  });
});

describe('auto top-up across processes', () => {
  it('on PostgreSQL, 100 draws from four connection pools (as from four processes) that exhaust the credits fire exactly one top-up', async () => {
    const pools = await postgresPoolsForTest(4);
    const [first] = pools;
    const ids = await storeFixtures(first);
    // A card that pays off-session, and a bundle of the plan to top up with.
    await first
      .updateTable('payment_methods')
      .set({ processor_ref: testPaymentMethod().payment_method })
      .execute();
    await first
      .insertInto('credit_bundles')
      .values({
        id: 'cb_test_1',
        plan_id: ids.plan,
        name: '$10 Top-up',
        cost: '10.00',
        credit_amount: '10.00',
        created_at: AT,
      })
      .execute();
    await setAutoTopUp(
      { db: first },
      { merchantId: ids.merchant, customerId: ids.customer, bundleId: 'cb_test_1' },
    );
    const now = () => new Date(AT);
    // One processor, as the card network is one, taking real time per call.
    const payments = createTestPaymentProcessor({
      ledgerFile: join(mkdtempSync(join(tmpdir(), 'lava-processor-')), 'ledger.sqlite'),
      latencyMs: PROCESSOR_MS,
      now,
    });
    try {
      // 100 draws of 0.30 (30.00) against 25.00: each process draws, then checks for a top-up,
      // as POST /v1/requests does.
      const outcomes = await Promise.all(
        Array.from({ length: 100 }, async (_, i) => {
          const db = pools[i % 4] as Db;
          await db.transaction().execute((trx) =>
            drawCredits(trx, {
              merchant: { id: ids.merchant, environment: 'test' },
              customerId: ids.customer,
              amount: toCreditUnits('0.30'),
              requestId: null,
              at: now(),
            }),
          );
          return maybeAutoTopUp({ db, payments, now }, { customerId: ids.customer });
        }),
      );
      const charged = outcomes.filter((o) => 'status' in o && o.status === 'succeeded');
      expect(charged).toHaveLength(1);
      const rows = await first
        .selectFrom('payments')
        .select(['kind', 'status'])
        .where('kind', '=', 'top_up')
        .execute();
      expect(rows).toEqual([{ kind: 'top_up', status: 'succeeded' }]);
      // 25.00 + 10.00 - 30.00, nothing left due.
      const balance = await balanceOf(first, { customerId: ids.customer }, now());
      expect(balance.total).toBe(toCreditUnits('5.00'));
      expect(await checkLedger(first)).toEqual([]);
    } finally {
      await payments.close?.();
    }
  });
});
