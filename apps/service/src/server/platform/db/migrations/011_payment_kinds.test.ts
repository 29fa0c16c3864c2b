import { type RawBuilder, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { databaseBeforeMigration } from '../../../testing/databaseBeforeMigration.ts';
import { expectPaymentsRefused } from '../../../testing/expectPaymentsRefused.ts';
import { insertOldPayment } from '../../../testing/insertOldPayment.ts';
import { DIALECTS } from '../../../testing/testDatabases.ts';
import { migrateToLatest } from '../migrateToLatest.ts';

describe.each(DIALECTS)('the move to payment kinds, on %s', (dialect) => {
  it('keeps every payment with its kind, and lets a payment belong to a subscription instead of a session', async () => {
    const db = await databaseBeforeMigration(dialect, '011_payment_kinds');
    const rows = async (query: RawBuilder<unknown>) => (await query.execute(db)).rows;
    await sql`insert into merchants (id, name, environment, created_at) values ('mer_a', 'A', 'test', 'x')`.execute(
      db,
    );
    await sql`insert into checkout_sessions (id, merchant_id, mode, origin_url, status, expires_at, created_at)
      values ('cs_a', 'mer_a', 'subscription', 'https://a.com', 'completed', 'x', 'x'),
        ('cs_b', 'mer_a', 'credit_bundle', 'https://a.com', 'processing', 'x', 'x')`.execute(db);
    await sql`insert into payments (id, session_id, amount, currency, status, created_at, merchant_id,
        plan_id, phone, idempotency_key, credit_bundle_id)
      values ('pay_1', 'cs_a', '49.00', 'usd', 'succeeded', 't1', 'mer_a', 'sc_a', '+14155550100', 'cs_a:0', null),
        ('pay_2', 'cs_b', '25.00', 'usd', 'pending', 't2', 'mer_a', 'sc_a', '+14155550100', 'cs_b:0', 'cb_a')`.execute(
      db,
    );

    await migrateToLatest(db);
    // The subscription the session made, which off-session payments then belong to.
    await sql`insert into plans (id, merchant_id, name, period_amount, billing_interval, included_credit,
        rollover_type, bundle_rollover_type, created_at)
      values ('sc_a', 'mer_a', 'Pro', '49.00', 'month', '25.00', 'none', 'full', 'x')`.execute(db);
    await sql`insert into customers (id, merchant_id, phone, created_at)
      values ('con_a', 'mer_a', '+14155550100', 'x')`.execute(db);
    await sql`insert into payment_methods (id, customer_id, processor_ref, brand, last4, exp_month, exp_year, created_at)
      values ('pm_a', 'con_a', 'pm_x', 'visa', '4242', 12, 2034, 'x')`.execute(db);
    await sql`insert into subscriptions (id, customer_id, plan_id, checkout_session_id, payment_method_id,
        status, started_at, cycle_start_at, cycle_end_at, created_at)
      values ('sub_a', 'con_a', 'sc_a', 'cs_a', 'pm_a', 'active', 'x', 'x', 'y', 'x')`.execute(db);

    expect(
      await rows(
        sql`select id, kind, session_id, subscription_id, credit_bundle_id, idempotency_key from payments order by id`,
      ),
    ).toEqual([
      {
        id: 'pay_1',
        kind: 'plan',
        session_id: 'cs_a',
        subscription_id: null,
        credit_bundle_id: null,
        idempotency_key: 'cs_a:0',
      },
      {
        id: 'pay_2',
        kind: 'bundle',
        session_id: 'cs_b',
        subscription_id: null,
        credit_bundle_id: 'cb_a',
        idempotency_key: 'cs_b:0',
      },
    ]);

    // An off-session payment: a subscription's, with no session.
    await insertOldPayment('pay_3', {
      kind: 'renewal',
      subscription_id: 'sub_a',
      idempotency_key: 'sub_a:1',
    }).execute(db);
    // Each kind with its owner, and never both or neither.
    await expectPaymentsRefused(db, /check/i, [
      { kind: 'renewal', session_id: 'cs_a' },
      { kind: 'plan', subscription_id: 'sub_a' },
      { kind: 'plan' },
      { kind: 'bundle', session_id: 'cs_a', subscription_id: 'sub_a' },
      { kind: 'gift', session_id: 'cs_a' },
    ]);
    // The claims on purchases held through the copy: one in flight per phone and plan, one in
    // flight per subscription, and each idempotency key once.
    await expectPaymentsRefused(db, /unique/i, [
      { kind: 'plan', session_id: 'cs_a', phone: '+14155550100', idempotency_key: 'cs_a:1' },
      { kind: 'top_up', subscription_id: 'sub_a', idempotency_key: 'sub_a:t1' },
      { kind: 'plan', session_id: 'cs_a', status: 'failed', idempotency_key: 'cs_a:0' },
    ]);
    await insertOldPayment('pay_7', {
      kind: 'top_up',
      subscription_id: 'sub_a',
      status: 'failed',
      idempotency_key: 'sub_a:t2',
    }).execute(db);
  });
});
