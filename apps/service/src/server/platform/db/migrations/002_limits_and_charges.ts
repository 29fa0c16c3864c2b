import { type Kysely, type Migration, sql } from 'kysely';
import { PAYMENT_CLAIM_COLUMNS } from './sharedColumns.ts';

/**
 * Limits that hold across sessions (sends per phone and IP, wrong codes per phone, payment
 * attempts per phone and IP) and charges that can be recovered: every attempt is written with
 * its idempotency key before the processor is called, and at most one payment per customer and
 * plan is in flight at a time.
 */
const migration: Migration = {
  async up(db: Kysely<unknown>) {
    for (const column of PAYMENT_CLAIM_COLUMNS) {
      await db.schema.alterTable('payments').addColumn(column, 'text').execute();
    }
    await db.schema
      .createIndex('payments_idempotency_key')
      .unique()
      .on('payments')
      .column('idempotency_key')
      .execute();
    // The claim on a purchase: one payment in flight per phone and plan, whatever the session.
    await db.schema
      .createIndex('payments_one_in_flight_per_purchase')
      .unique()
      .on('payments')
      .columns(['merchant_id', 'phone', 'plan_id'])
      .where(sql.ref('status'), 'in', ['pending', 'requires_action'])
      .execute();
    await db.schema
      .createIndex('payments_phone_created')
      .on('payments')
      .columns(['phone', 'created_at'])
      .execute();
    await db.schema
      .createIndex('payments_ip_created')
      .on('payments')
      .columns(['ip', 'created_at'])
      .execute();
    await db.schema.createIndex('payments_status').on('payments').column('status').execute();
    await db.schema
      .createIndex('subscriptions_one_active_per_plan')
      .unique()
      .on('subscriptions')
      .columns(['customer_id', 'plan_id'])
      .where(sql.ref('status'), '=', 'active')
      .execute();

    await db.schema
      .createTable('sms_sends')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('session_id', 'text', (c) => c.notNull())
      .addColumn('phone', 'text', (c) => c.notNull())
      .addColumn('ip', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('sms_sends_phone_created')
      .on('sms_sends')
      .columns(['phone', 'created_at'])
      .execute();
    await db.schema
      .createIndex('sms_sends_ip_created')
      .on('sms_sends')
      .columns(['ip', 'created_at'])
      .execute();

    await db.schema
      .createTable('code_failures')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('phone', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('code_failures_phone_created')
      .on('code_failures')
      .columns(['phone', 'created_at'])
      .execute();
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
