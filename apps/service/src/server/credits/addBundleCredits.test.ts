import { describe, expect, it } from 'vitest';
import { openTestDatabaseForTest } from '../testing/openTestDatabaseForTest.ts';
import { AT, storeFixtures } from '../testing/storeFixtures.ts';
import { DIALECTS } from '../testing/testDatabases.ts';
import { tokenUsage } from '../testing/tokenUsage.ts';
import { recordUsage } from '../usage/recordUsage.ts';
import { addBundleCredits } from './addBundleCredits.ts';
import { balanceOf } from './balanceOf.ts';
import { checkLedger } from './checkLedger.ts';
import { toCreditUnits } from './creditUnits.ts';

describe.each(DIALECTS)('addBundleCredits on %s', (dialect) => {
  it('adds the bundle to what is left, announces credits.purchased, and usage draws it after the cycle', async () => {
    const opened = await openTestDatabaseForTest(dialect);
    const { db } = opened;
    const ids = await storeFixtures(db);
    const merchant = { id: ids.merchant, environment: 'test' } as const;
    const customer = await db.selectFrom('customers').selectAll().executeTakeFirstOrThrow();
    const deps = { ...opened, now: () => new Date(AT) };
    const use = (id: string, tokens: number) =>
      recordUsage(deps, merchant, tokenUsage(id, tokens, { customer_id: ids.customer }));
    await use('a', 8_000_000); // 24.00 of the 25.00 included
    const event = await db.transaction().execute((trx) =>
      addBundleCredits(trx, {
        merchant,
        customer,
        subscription: {
          id: ids.subscription,
          plan_id: ids.plan,
          cycle_start_at: AT,
          plan_name: 'Pro Plan',
          included_credit: '25.00',
        },
        bundle: { id: 'cb_1', credit_amount: '25' },
        checkoutSessionId: 'cs_bundle',
        at: new Date(AT),
      }),
    );
    expect(JSON.parse(event.payload)).toMatchObject({
      event: 'credits.purchased',
      data: {
        customer_id: ids.customer,
        credit_bundle_id: 'cb_1',
        credit_amount: '25.00',
        subscription_id: ids.subscription,
      },
    });
    const { row } = await use('b', 1_000_000); // 3.00: 1.00 from the cycle, 2.00 from the bundle
    expect([row.drawn_cycle, row.drawn_bundle]).toEqual(['1.00', '2.00']);
    expect(await balanceOf(db, { subscriptionId: ids.subscription }, new Date(AT))).toEqual({
      total: toCreditUnits('23'),
      cycle: 0n,
      bundle: toCreditUnits('23'),
    });
    expect(await checkLedger(db)).toEqual([]);
  });
});
