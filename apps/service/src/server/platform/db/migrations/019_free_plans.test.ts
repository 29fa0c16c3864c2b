import { type Kysely, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { FREE_PLAN } from '../../../merchants/FREE_PLAN.ts';
import { databaseBeforeMigration } from '../../../testing/databaseBeforeMigration.ts';
import { DIALECTS } from '../../../testing/testDatabases.ts';
import { migrateToLatest } from '../migrateToLatest.ts';

let db: Kysely<unknown> | undefined;

const rows = async (query: ReturnType<typeof sql>) =>
  (await query.execute(db as Kysely<unknown>)).rows;

const subscription = (id: string, plan: string, session: string | null, card: string | null) =>
  sql`insert into subscriptions (id, customer_id, plan_id, checkout_session_id, payment_method_id,
      status, started_at, cycle_start_at, cycle_end_at, created_at)
    values (${id}, 'con_a', ${plan}, ${session}, ${card}, 'active', 'x', 'x', 'y', 'x')`;

describe.each(DIALECTS)('the Free plans migration, on %s', (dialect) => {
  it('gives every merchant a $0 Free plan, keeps every subscription, and lets one come without a checkout or a card', async () => {
    db = await databaseBeforeMigration(dialect, '019_free_plans');
    await sql`insert into merchants (id, name, environment, created_at)
      values ('mer_a', 'A', 'test', 'x'), ('mer_b', 'B', 'live', 'x')`.execute(db);
    await sql`insert into plans (id, merchant_id, name, period_amount, billing_interval, included_credit,
        rollover_type, bundle_rollover_type, created_at)
      values ('sc_a', 'mer_a', 'Pro', '49.00', 'month', '25.00', 'none', 'full', 'x')`.execute(db);
    await sql`insert into checkout_sessions (id, merchant_id, mode, origin_url, status, expires_at, created_at)
      values ('cs_a', 'mer_a', 'subscription', 'https://a.com', 'completed', 'x', 'x')`.execute(db);
    await sql`insert into customers (id, merchant_id, phone, created_at)
      values ('con_a', 'mer_a', '+14155550100', 'x')`.execute(db);
    await sql`insert into payment_methods (id, customer_id, processor_ref, brand, last4, exp_month, exp_year, created_at)
      values ('pm_a', 'con_a', 'pm_x', 'visa', '4242', 12, 2034, 'x')`.execute(db);
    await subscription('sub_a', 'sc_a', 'cs_a', 'pm_a').execute(db);
    await sql`update subscriptions set auto_top_up_bundle_id = 'cb_a'`.execute(db);

    await migrateToLatest(db);

    // One Free plan each, ids of the merchant's environment; the paid plan is not free.
    expect(
      await rows(sql`select merchant_id, name, period_amount, billing_interval, included_credit,
          rollover_type, bundle_rollover_type, is_free, id from plans order by merchant_id, is_free`),
    ).toEqual([
      expect.objectContaining({ merchant_id: 'mer_a', name: 'Pro', is_free: 0 }),
      // The Free plan the service gives every merchant it makes since.
      { merchant_id: 'mer_a', ...FREE_PLAN, id: expect.stringMatching(/^sc_test_/) },
      expect.objectContaining({
        merchant_id: 'mer_b',
        name: 'Free',
        is_free: 1,
        id: expect.stringMatching(/^sc_live_/),
      }),
    ]);
    // The subscription as it was, through the copy SQLite makes of the table.
    expect(await rows(sql`select * from subscriptions`)).toEqual([
      expect.objectContaining({
        id: 'sub_a',
        customer_id: 'con_a',
        plan_id: 'sc_a',
        checkout_session_id: 'cs_a',
        payment_method_id: 'pm_a',
        status: 'active',
        cycle_end_at: 'y',
        auto_top_up_bundle_id: 'cb_a',
      }),
    ]);

    // On the Free plan through the API: no checkout, no card.
    const [free] = await rows(
      sql`select id from plans where merchant_id = 'mer_a' and is_free = 1`,
    );
    await subscription('sub_b', (free as { id: string }).id, null, null).execute(db);
    // Still one active subscription per customer and plan, and one subscription per checkout.
    await expect(subscription('sub_c', 'sc_a', null, 'pm_a').execute(db)).rejects.toThrow(
      /unique/i,
    );
    await sql`update subscriptions set status = 'cancelled' where id = 'sub_a'`.execute(db);
    await expect(subscription('sub_d', 'sc_a', 'cs_a', 'pm_a').execute(db)).rejects.toThrow(
      /unique/i,
    );
    await subscription('sub_e', 'sc_a', null, 'pm_a').execute(db);
  });
});
