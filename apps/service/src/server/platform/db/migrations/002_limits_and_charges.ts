import { type Kysely, type Migration, sql } from 'kysely';
import { addColumns } from './addColumns.ts';
import { columns } from './columns.ts';
import { createIndex } from './createIndex.ts';
import { PAYMENT_CLAIM_COLUMNS } from './sharedColumns.ts';

/**
 * Limits that hold across sessions (sends per phone and IP, wrong codes per phone, payment
 * attempts per phone and IP) and charges that can be recovered: every attempt is written with
 * its idempotency key before the processor is called, and at most one payment per customer and
 * plan is in flight at a time.
 */
const migration: Migration = {
  async up(db: Kysely<unknown>) {
    await addColumns(db, 'payments', PAYMENT_CLAIM_COLUMNS);
    await createIndex(db, 'payments_idempotency_key', 'payments', ['idempotency_key'], (index) =>
      index.unique(),
    );
    // The claim on a purchase: one payment in flight per phone and plan, whatever the session.
    await createIndex(
      db,
      'payments_one_in_flight_per_purchase',
      'payments',
      ['merchant_id', 'phone', 'plan_id'],
      (index) => index.unique().where(sql.ref('status'), 'in', ['pending', 'requires_action']),
    );
    await createIndex(db, 'payments_phone_created', 'payments', ['phone', 'created_at']);
    await createIndex(db, 'payments_ip_created', 'payments', ['ip', 'created_at']);
    await createIndex(db, 'payments_status', 'payments', ['status']);
    await createIndex(
      db,
      'subscriptions_one_active_per_plan',
      'subscriptions',
      ['customer_id', 'plan_id'],
      (index) => index.unique().where(sql.ref('status'), '=', 'active'),
    );

    await db.schema
      .createTable('sms_sends')
      .$call(columns.id)
      .$call(columns.required(['session_id', 'phone', 'ip', 'created_at']))
      .execute();
    await createIndex(db, 'sms_sends_phone_created', 'sms_sends', ['phone', 'created_at']);
    await createIndex(db, 'sms_sends_ip_created', 'sms_sends', ['ip', 'created_at']);

    await db.schema
      .createTable('code_failures')
      .$call(columns.id)
      .$call(columns.required(['phone', 'created_at']))
      .execute();
    await createIndex(db, 'code_failures_phone_created', 'code_failures', ['phone', 'created_at']);
    await db.schema
      .createTable('phone_locks')
      .addColumn('phone', 'text', (c) => c.primaryKey())
      .addColumn('locked_until', 'text', (c) => c.notNull())
      .execute();

    // ISO 3166 codes (JSON array) the merchant's codes may be texted to; null: the service default.
    await db.schema.alterTable('merchants').addColumn('sms_countries', 'text').execute();
  },
};

export default migration;
