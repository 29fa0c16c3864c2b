import type { Kysely, Migration } from 'kysely';
import { columns } from './columns.ts';
import { createIndex } from './createIndex.ts';
import { paymentCharge, subscriptionCycle } from './sharedColumns.ts';

/** The first schema: merchants and their keys, the seeds' catalogue, checkout and its results. */
const migration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('settings')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .$call(columns.required(['value']))
      .execute();
    await db.schema
      .createTable('merchants')
      .$call(columns.id)
      .$call(columns.required(['name', 'environment', 'created_at']))
      .execute();
    await db.schema
      .createTable('secret_keys')
      .$call(columns.id)
      .$call(columns.merchant)
      .addColumn('kid', 'text', (c) => c.notNull().unique())
      .addColumn('signing_key', 'text', (c) => c.notNull())
      .addColumn('key_hash', 'text', (c) => c.notNull().unique())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('revoked_at', 'text')
      .execute();
    await db.schema
      .createTable('meters')
      .$call(columns.id)
      .$call(columns.merchant)
      .$call(columns.required(['name', 'slug', 'rate_type', 'tier_type', 'tiers', 'created_at']))
      .addUniqueConstraint('meters_merchant_slug', ['merchant_id', 'slug'])
      .execute();
    await db.schema
      .createTable('plans')
      .$call(columns.id)
      .$call(columns.merchant)
      .$call(columns.required(['name', 'period_amount', 'billing_interval', 'included_credit']))
      .$call(columns.required(['rollover_type', 'bundle_rollover_type', 'created_at']))
      .execute();
    await db.schema
      .createTable('plan_meters')
      .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id'))
      .addColumn('meter_id', 'text', (c) => c.notNull().references('meters.id'))
      .addPrimaryKeyConstraint('plan_meters_pk', ['plan_id', 'meter_id'])
      .execute();
    await db.schema
      .createTable('credit_bundles')
      .$call(columns.id)
      .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id'))
      .$call(columns.required(['name', 'cost', 'credit_amount', 'created_at']))
      .execute();
    await db.schema
      .createTable('customers')
      .$call(columns.id)
      .$call(columns.merchant)
      .$call(columns.required(['phone', 'created_at']))
      .addUniqueConstraint('customers_merchant_phone', ['merchant_id', 'phone'])
      .execute();
    await db.schema
      .createTable('checkout_sessions')
      .$call(columns.id)
      .$call(columns.merchant)
      .$call(columns.required(['mode', 'origin_url']))
      .addColumn('plan_id', 'text', (c) => c.references('plans.id'))
      .addColumn('customer_id', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('phone', 'text')
      .$call(columns.counters(['code_sends', 'payment_attempts']))
      .$call(columns.required(['expires_at', 'created_at']))
      .addColumn('completed_at', 'text')
      .execute();
    await db.schema
      .createTable('verification_codes')
      .$call(columns.id)
      .addColumn('session_id', 'text', (c) => c.notNull().references('checkout_sessions.id'))
      .$call(columns.required(['phone', 'code_hash']))
      .$call(columns.counters(['attempts']))
      .$call(columns.required(['expires_at', 'created_at']))
      .addColumn('closed_at', 'text')
      .execute();
    await createIndex(db, 'verification_codes_session', 'verification_codes', ['session_id']);
    await db.schema
      .createTable('payment_methods')
      .$call(columns.id)
      .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
      .$call(columns.required(['processor_ref', 'brand', 'last4']))
      .$call(columns.of('integer', ['exp_month', 'exp_year'], (c) => c.notNull()))
      .$call(columns.required(['created_at']))
      .execute();
    await db.schema
      .createTable('payments')
      .$call(columns.id)
      .addColumn('session_id', 'text', (c) => c.notNull().references('checkout_sessions.id'))
      .$call(paymentCharge)
      .execute();
    await db.schema
      .createTable('subscriptions')
      .$call(columns.id)
      .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
      .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id'))
      .addColumn('checkout_session_id', 'text', (c) =>
        c.notNull().unique().references('checkout_sessions.id'),
      )
      .addColumn('payment_method_id', 'text', (c) => c.notNull().references('payment_methods.id'))
      .$call(subscriptionCycle)
      .execute();
    await createIndex(db, 'subscriptions_customer', 'subscriptions', ['customer_id']);
  },
};

export default migration;
