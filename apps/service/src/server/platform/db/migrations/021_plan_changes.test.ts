import { type Kysely, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { databaseBeforeMigration } from '../../../testing/databaseBeforeMigration.ts';
import { expectPaymentsRefused } from '../../../testing/expectPaymentsRefused.ts';
import { insertOldPayment } from '../../../testing/insertOldPayment.ts';
import { seedBeforeMigration } from '../../../testing/seedBeforeMigration.ts';
import { DIALECTS } from '../../../testing/testDatabases.ts';
import { migrateToLatest } from '../migrateToLatest.ts';

let db: Kysely<unknown> | undefined;

/** A failed payment, keyed by its id, unless `columns` say otherwise. */
const payment = (id: string, columns: Record<string, string | null>) =>
  insertOldPayment(id, { status: 'failed', idempotency_key: id, ...columns });

describe.each(DIALECTS)('plan changes, on %s', (dialect) => {
  it('keeps every payment and its claims, admits upgrades of a subscription, and adds the pending change', async () => {
    db = await databaseBeforeMigration(dialect, '021_plan_changes');
    await seedBeforeMigration(db, {
      morePlans: [['sc_b', 'Lite', '9.00', '5.00']],
      checkoutSession: true,
    });
    await sql`insert into subscriptions (id, customer_id, plan_id, checkout_session_id,
        status, started_at, cycle_start_at, cycle_end_at, created_at)
      values ('sub_a', 'con_a', 'sc_a', 'cs_a', 'active', 'x', 'x', 'y', 'x')`.execute(db);
    // A checkout's payment, and a renewal still in flight.
    const before = {
      pay_1: { kind: 'plan', session_id: 'cs_a', status: 'succeeded', phone: '+14155550100' },
      pay_2: {
        kind: 'renewal',
        subscription_id: 'sub_a',
        status: 'pending',
        overage_amount: '1.25',
      },
    };
    for (const [id, columns] of Object.entries(before)) await payment(id, columns).execute(db);

    await migrateToLatest(db);

    expect(
      (
        await sql`select id, kind, session_id, subscription_id, overage_amount from payments order by id`.execute(
          db,
        )
      ).rows,
    ).toEqual([
      {
        id: 'pay_1',
        kind: 'plan',
        session_id: 'cs_a',
        subscription_id: null,
        overage_amount: null,
      },
      {
        id: 'pay_2',
        kind: 'renewal',
        session_id: null,
        subscription_id: 'sub_a',
        overage_amount: '1.25',
      },
    ]);
    // An upgrade belongs to its subscription, with its checkout session or without.
    await payment('pay_3', { kind: 'upgrade', subscription_id: 'sub_a' }).execute(db);
    await payment('pay_4', {
      kind: 'upgrade',
      subscription_id: 'sub_a',
      session_id: 'cs_a',
    }).execute(db);
    const checked = [
      { kind: 'upgrade', session_id: 'cs_a' },
      { kind: 'upgrade' },
      { kind: 'renewal', session_id: 'cs_a' },
      { kind: 'plan', subscription_id: 'sub_a' },
    ];
    await expectPaymentsRefused(db, /check/i, checked, payment);
    // The claims held through the copy: one in flight per subscription, each key once.
    const claimed = [
      { kind: 'upgrade', subscription_id: 'sub_a', status: 'pending' },
      { kind: 'upgrade', subscription_id: 'sub_a', idempotency_key: 'pay_3' },
    ];
    await expectPaymentsRefused(db, /unique/i, claimed, payment);

    // The renewal pass finds the changes due through their own index.
    const indexes =
      dialect === 'postgres'
        ? sql`select indexname as name from pg_indexes where indexname = 'subscriptions_pending_change'`
        : sql`select name from sqlite_master where name = 'subscriptions_pending_change'`;
    expect((await indexes.execute(db)).rows).toHaveLength(1);
    await sql`update subscriptions set pending_change = 'downgrade', pending_plan_id = 'sc_b'`.execute(
      db,
    );
    expect(
      (await sql`select pending_change, pending_plan_id from subscriptions`.execute(db)).rows,
    ).toEqual([{ pending_change: 'downgrade', pending_plan_id: 'sc_b' }]);
  });
});
