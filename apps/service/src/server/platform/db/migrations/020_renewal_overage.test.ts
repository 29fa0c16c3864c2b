import { type Kysely, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { databaseBeforeMigration } from '../../../testing/databaseBeforeMigration.ts';
import { seedBeforeMigration } from '../../../testing/seedBeforeMigration.ts';
import { DIALECTS } from '../../../testing/testDatabases.ts';
import { migrateToLatest } from '../migrateToLatest.ts';

let db: Kysely<unknown> | undefined;

describe.each(DIALECTS)('the renewal overage migration, on %s', (dialect) => {
  it('keeps the payments before it with no overage part, and keeps a renewal’s part with its payment', async () => {
    db = await databaseBeforeMigration(dialect, '020_renewal_overage');
    await seedBeforeMigration(db, { checkoutSession: true });
    await sql`insert into subscriptions (id, customer_id, plan_id, status, started_at, cycle_start_at,
        cycle_end_at, created_at)
      values ('sub_a', 'con_a', 'sc_a', 'active', 'x', 't1', 'y', 'x')`.execute(db);
    await sql`insert into payments (id, kind, session_id, amount, currency, status, created_at, merchant_id,
        plan_id, phone, idempotency_key)
      values ('pay_1', 'plan', 'cs_a', '49.00', 'usd', 'succeeded', 't1', 'mer_a', 'sc_a', '+14155550100', 'cs_a:0')`.execute(
      db,
    );

    await migrateToLatest(db);

    await sql`insert into payments (id, kind, subscription_id, amount, currency, status, created_at,
        merchant_id, plan_id, idempotency_key, overage_amount)
      values ('pay_2', 'renewal', 'sub_a', '61.12', 'usd', 'succeeded', 't2', 'mer_a', 'sc_a',
        'renewal:sub_a:t1', '12.12')`.execute(db);
    expect(
      (await sql`select id, amount, overage_amount from payments order by id`.execute(db)).rows,
    ).toEqual([
      { id: 'pay_1', amount: '49.00', overage_amount: null },
      { id: 'pay_2', amount: '61.12', overage_amount: '12.12' },
    ]);
  });
});
