import { describe, expect, it, vi } from 'vitest';
import { toCreditUnits } from '../credits/creditUnits.ts';
import { drawCredits } from '../credits/drawCredits.ts';
import type { Db } from '../platform/db/Database.ts';
import { renewDue } from '../subscriptions/renewSubscriptions.ts';
import { checkoutSubscription } from '../testing/checkoutSubscription.ts';
import { postgresPoolsForTest } from '../testing/postgresPoolsForTest.ts';
import { recordRequestsAtOnce } from '../testing/recordRequestsAtOnce.ts';
import { startTestServiceForTest } from '../testing/startTestServiceForTest.ts';
import { AT, storeFixtures } from '../testing/storeFixtures.ts';
import { turnOnAutoTopUp } from '../testing/turnOnAutoTopUp.ts';
import { announceBalanceUpdates } from './announceBalanceUpdates.ts';

// Hundreds of requests over loopback and a processor that takes real time: slow on a busy machine.
vi.setConfig({ testTimeout: 30_000 });

const DAY = 86_400_000;

/** The balance events written so far: what each carried. */
const balanceEvents = async (db: Db) =>
  (
    await db
      .selectFrom('webhook_events')
      .select('payload')
      .where('type', '=', 'customer.wallet.balance.updated')
      .orderBy('created_at')
      .execute()
  ).map((row) => {
    const { data } = JSON.parse(row.payload);
    return {
      customer_id: data.customer_id as string,
      total: data.credits.total_remaining as string,
      overage_due: data.overage_due as string,
    };
  });

describe('customer.wallet.balance.updated', () => {
  it('comes at most once a second per customer, carrying the latest balance, after usage, a top-up and a renewal', async () => {
    const t = await startTestServiceForTest();
    const { customerId } = await checkoutSubscription(t);
    const { db } = t.service.services;
    const tick = () => t.service.webhooks.runOnce();
    // The checkout's own credits are announced by checkout.completed.
    await tick();
    expect(await balanceEvents(db)).toEqual([]);

    // 50 usage records in the same second: one event, with what is left after all of them.
    await recordRequestsAtOnce(t, customerId, 50, 'a');
    await tick();
    expect(await balanceEvents(db)).toEqual([
      { customer_id: customerId, total: '10.00', overage_due: '0.00' },
    ]);
    // More within the second: nothing yet; a second later, one event with the latest balance.
    await recordRequestsAtOnce(t, customerId, 10, 'b');
    t.clock.now += 999;
    await tick();
    expect(await balanceEvents(db)).toHaveLength(1);
    t.clock.now += 1;
    await tick();
    expect((await balanceEvents(db)).at(-1)).toEqual({
      customer_id: customerId,
      total: '7.00',
      overage_due: '0.00',
    });
    // No change, no event, however long.
    t.clock.now += 60_000;
    await tick();
    expect(await balanceEvents(db)).toHaveLength(2);

    // Credits run out and an auto top-up buys 25.00 (paying 0.50 of overage first).
    await turnOnAutoTopUp(t, customerId);
    await recordRequestsAtOnce(t, customerId, 25, 'c');
    await tick();
    expect((await balanceEvents(db)).at(-1)).toEqual({
      customer_id: customerId,
      total: '24.50',
      overage_due: '0.00',
    });

    // The renewal: the cycle credit starts again at 25.00; the top-up credit carries
    // (bundle_rollover_type full).
    t.clock.now += 31 * DAY;
    expect((await renewDue(t.service.services)).renewed).toBe(1);
    await tick();
    expect((await balanceEvents(db)).at(-1)).toEqual({
      customer_id: customerId,
      total: '49.50',
      overage_due: '0.00',
    });
    expect(await balanceEvents(db)).toHaveLength(4);
  });

  it('on PostgreSQL, announcers in four processes at once write one event per change', async () => {
    const pools = await postgresPoolsForTest(4);
    const [first] = pools;
    const { customer, merchant } = await storeFixtures(first);
    const clock = { now: Date.parse(AT) };
    const draw = (amount: string) =>
      first.transaction().execute((trx) =>
        drawCredits(trx, {
          merchant: { id: merchant, environment: 'test' },
          customerId: customer,
          amount: toCreditUnits(amount),
          requestId: null,
          at: new Date(clock.now),
        }),
      );
    const announceEverywhere = async () =>
      (
        await Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            announceBalanceUpdates({ db: pools[i % 4] as Db, now: () => new Date(clock.now) }),
          ),
        )
      ).reduce((a, b) => a + b, 0);

    await draw('1.25');
    expect(await announceEverywhere()).toBe(1);
    await draw('2.00');
    await draw('0.75');
    expect(await announceEverywhere()).toBe(0);
    clock.now += 1000;
    // While the announcers run, another draw: it is in this event or, if it came after the
    // claim, in the next one; never lost.
    const [announced] = await Promise.all([announceEverywhere(), draw('1.00')]);
    expect(announced).toBe(1);
    clock.now += 1000;
    await announceEverywhere();
    expect((await balanceEvents(first)).at(-1)).toEqual({
      customer_id: customer,
      total: '20.00',
      overage_due: '0.00',
    });
    const totals = (await balanceEvents(first)).map((e) => e.total);
    expect(totals.slice(0, 2)).toEqual(['23.75', expect.stringMatching(/^2[01]\.00$/)]);
  });
});
