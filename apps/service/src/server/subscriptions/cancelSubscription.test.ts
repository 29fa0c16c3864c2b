import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../platform/db/Database.ts';
import { insertCompletedSubscription } from '../testing/insertCompletedSubscription.ts';
import { AT, storeFixtures } from '../testing/storeFixtures.ts';
import { DIALECTS, openTestDatabase } from '../testing/testDatabases.ts';
import { cancelSubscription } from './cancelSubscription.ts';

let db: Db | undefined;
afterEach(async () => {
  await db?.destroy();
  db = undefined;
});

const LATER = new Date('2026-11-23T08:00:00.000Z');

/** A second plan of the fixtures' merchant, and an active subscription of the customer to it. */
async function secondSubscription(database: Db, ids: Awaited<ReturnType<typeof storeFixtures>>) {
  await database
    .insertInto('plans')
    .values({
      id: 'sc_test_2',
      merchant_id: ids.merchant,
      name: 'Team Plan',
      period_amount: '99.00',
      billing_interval: 'month',
      included_credit: '60.00',
      rollover_type: 'none',
      bundle_rollover_type: 'full',
      created_at: AT,
    })
    .execute();
  await insertCompletedSubscription(database, {
    ...ids,
    plan: 'sc_test_2',
    session: 'cs_test_2',
    subscription: 'sub_test_2',
  });
}

const statuses = async (database: Db) =>
  (
    await database
      .selectFrom('subscriptions')
      .select(['id', 'status', 'cancelled_at'])
      .orderBy('id')
      .execute()
  ).map((row) => `${row.id} ${row.status} ${row.cancelled_at ?? '-'}`);

const announced = async (database: Db) =>
  (await database.selectFrom('webhook_events').select(['type', 'payload']).execute()).map((row) => {
    const { data } = JSON.parse(row.payload) as {
      data: { subscription_id: string; plan_id: string; customer_id: string };
    };
    return `${row.type} ${data.subscription_id} ${data.plan_id} ${data.customer_id}`;
  });

describe.each(DIALECTS)('cancelSubscription on %s', (dialect) => {
  it('cancels the one subscription named, announces it once, and a second call changes nothing', async () => {
    db = (await openTestDatabase(dialect)).db;
    const ids = await storeFixtures(db);
    await secondSubscription(db, ids);
    const merchant = { id: ids.merchant, environment: 'test' } as const;
    const input = {
      merchant,
      customerId: ids.customer,
      which: { subscriptionId: ids.subscription },
      at: LATER,
    };

    expect(await cancelSubscription(db, input)).toEqual([
      { id: ids.subscription, plan_id: ids.plan },
    ]);
    expect(await cancelSubscription(db, input)).toEqual([]);

    expect(await statuses(db)).toEqual([
      `sub_test_1 cancelled ${LATER.toISOString()}`,
      'sub_test_2 active -',
    ]);
    expect(await announced(db)).toEqual([
      `subscription.cancelled sub_test_1 ${ids.plan} ${ids.customer}`,
    ]);
  });

  it('cancels every other plan of the customer on a plan change, and all of them on request', async () => {
    db = (await openTestDatabase(dialect)).db;
    const ids = await storeFixtures(db);
    await secondSubscription(db, ids);
    const merchant = { id: ids.merchant, environment: 'test' } as const;

    await db.transaction().execute((trx) =>
      cancelSubscription(trx, {
        merchant,
        customerId: ids.customer,
        which: { exceptPlanId: 'sc_test_2' },
        at: LATER,
      }),
    );
    expect(await statuses(db)).toEqual([
      `sub_test_1 cancelled ${LATER.toISOString()}`,
      'sub_test_2 active -',
    ]);

    await cancelSubscription(db, {
      merchant,
      customerId: ids.customer,
      which: { all: true },
      at: LATER,
    });
    expect(await statuses(db)).toEqual([
      `sub_test_1 cancelled ${LATER.toISOString()}`,
      `sub_test_2 cancelled ${LATER.toISOString()}`,
    ]);
    expect((await announced(db)).sort()).toEqual([
      `subscription.cancelled sub_test_1 ${ids.plan} ${ids.customer}`,
      `subscription.cancelled sub_test_2 sc_test_2 ${ids.customer}`,
    ]);
  });

  it('rolls back with the transaction it joined: no cancellation without its event, and no event without it', async () => {
    db = (await openTestDatabase(dialect)).db;
    const ids = await storeFixtures(db);
    const merchant = { id: ids.merchant, environment: 'test' } as const;
    await expect(
      db.transaction().execute(async (trx) => {
        await cancelSubscription(trx, {
          merchant,
          customerId: ids.customer,
          which: { all: true },
          at: LATER,
        });
        throw new Error('the caller failed after');
      }),
    ).rejects.toThrow('the caller failed after');
    expect(await statuses(db)).toEqual(['sub_test_1 active -']);
    expect(await announced(db)).toEqual([]);
  });
});
