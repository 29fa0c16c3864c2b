import type { Kysely, Migration } from 'kysely';
import { paymentCharge, subscriptionCycle } from './sharedColumns.ts';

/** The first schema: merchants and their keys, the seeds' catalogue, checkout and its results. */
const migration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('settings')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('merchants')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('environment', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('secret_keys')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('merchant_id', 'text', (c) => c.notNull().references('merchants.id'))
      .addColumn('kid', 'text', (c) => c.notNull().unique())
      .addColumn('signing_key', 'text', (c) => c.notNull())
      .addColumn('key_hash', 'text', (c) => c.notNull().unique())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('revoked_at', 'text')
      .execute();
    await db.schema
      .createTable('meters')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('merchant_id', 'text', (c) => c.notNull().references('merchants.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('slug', 'text', (c) => c.notNull())
      .addColumn('rate_type', 'text', (c) => c.notNull())
      .addColumn('tier_type', 'text', (c) => c.notNull())
      .addColumn('tiers', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('meters_merchant_slug', ['merchant_id', 'slug'])
      .execute();
    await db.schema
      .createTable('plans')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('merchant_id', 'text', (c) => c.notNull().references('merchants.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('period_amount', 'text', (c) => c.notNull())
      .addColumn('billing_interval', 'text', (c) => c.notNull())
      .addColumn('included_credit', 'text', (c) => c.notNull())
      .addColumn('rollover_type', 'text', (c) => c.notNull())
      .addColumn('bundle_rollover_type', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('plan_meters')
      .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id'))
      .addColumn('meter_id', 'text', (c) => c.notNull().references('meters.id'))
      .addPrimaryKeyConstraint('plan_meters_pk', ['plan_id', 'meter_id'])
      .execute();
    await db.schema
      .createTable('credit_bundles')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('cost', 'text', (c) => c.notNull())
      .addColumn('credit_amount', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('customers')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('merchant_id', 'text', (c) => c.notNull().references('merchants.id'))
      .addColumn('phone', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('customers_merchant_phone', ['merchant_id', 'phone'])
      .execute();
    await db.schema
      .createTable('checkout_sessions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('merchant_id', 'text', (c) => c.notNull().references('merchants.id'))
      .addColumn('mode', 'text', (c) => c.notNull())
      .addColumn('origin_url', 'text', (c) => c.notNull())
      .addColumn('plan_id', 'text', (c) => c.references('plans.id'))
      .addColumn('customer_id', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('phone', 'text')
      .addColumn('code_sends', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('payment_attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('completed_at', 'text')
      .execute();
    await db.schema
      .createTable('verification_codes')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('session_id', 'text', (c) => c.notNull().references('checkout_sessions.id'))
      .addColumn('phone', 'text', (c) => c.notNull())
      .addColumn('code_hash', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('closed_at', 'text')
      .execute();
    await db.schema
      .createIndex('verification_codes_session')
      .on('verification_codes')
      .column('session_id')
      .execute();
    await db.schema
      .createTable('payment_methods')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
      .addColumn('processor_ref', 'text', (c) => c.notNull())
      .addColumn('brand', 'text', (c) => c.notNull())
      .addColumn('last4', 'text', (c) => c.notNull())
      .addColumn('exp_month', 'integer', (c) => c.notNull())
      .addColumn('exp_year', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('payments')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('session_id', 'text', (c) => c.notNull().references('checkout_sessions.id'))
      .$call(paymentCharge)
      .execute();
    await db.schema
      .createTable('subscriptions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
      .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id'))
      .addColumn('checkout_session_id', 'text', (c) =>
        c.notNull().unique().references('checkout_sessions.id'),
      )
      .addColumn('payment_method_id', 'text', (c) => c.notNull().references('payment_methods.id'))
      .$call(subscriptionCycle)
      .execute();
    await db.schema
      .createIndex('subscriptions_customer')
      .on('subscriptions')
      .column('customer_id')
      .execute();
  },
};

export default migration;
