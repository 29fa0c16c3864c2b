import { type Kysely, type Migration, sql } from 'kysely';
import { CUSTOMER_DETAIL_COLUMNS, usageRequestRecord } from './sharedColumns.ts';

/**
 * The merchant side: what the REST API keeps beyond checkout (customer details, deletions,
 * credit bundle sessions), usage and credits, webhooks with their outbox, and idempotent
 * retries. Money stays a decimal string.
 */
const migration: Migration = {
  async up(db: Kysely<unknown>) {
    for (const column of CUSTOMER_DETAIL_COLUMNS) {
      await db.schema.alterTable('customers').addColumn(column, 'text').execute();
    }
    await db.schema
      .createIndex('customers_merchant_reference')
      .unique()
      .on('customers')
      .columns(['merchant_id', 'reference_id'])
      .execute();
    await db.schema
      .createIndex('customers_merchant_id')
      .on('customers')
      .columns(['merchant_id', 'id'])
      .execute();
    await db.schema.alterTable('checkout_sessions').addColumn('credit_bundle_id', 'text').execute();
    for (const table of ['meters', 'plans', 'credit_bundles']) {
      await db.schema.alterTable(table).addColumn('deleted_at', 'text').execute();
    }
    await db.schema
      .alterTable('plans')
      .addColumn('default_auto_top_up_bundle_id', 'text')
      .execute();
    await db.schema
      .alterTable('subscriptions')
      .addColumn('auto_top_up_bundle_id', 'text')
      .execute();
    await db.schema
      .createIndex('subscriptions_plan')
      .on('subscriptions')
      .columns(['plan_id', 'status'])
      .execute();

    await db.schema
      .createTable('usage_requests')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('merchant_id', 'text', (c) => c.notNull().references('merchants.id'))
      .addColumn('request_id', 'text', (c) => c.notNull())
      .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
      .addColumn('meter_id', 'text', (c) => c.notNull().references('meters.id'))
      .$call(usageRequestRecord)
      .addUniqueConstraint('usage_requests_merchant_request', ['merchant_id', 'request_id'])
      .execute();
    await db.schema
      .createIndex('usage_requests_customer_created')
      .on('usage_requests')
      .columns(['customer_id', 'created_at'])
      .execute();
    await db.schema
      .createIndex('usage_requests_merchant_created')
      .on('usage_requests')
      .columns(['merchant_id', 'created_at'])
      .execute();
    // What a customer used of a meter in a period: where its graduated tiers stand.
    await db.schema
      .createTable('meter_usage')
      .addColumn('customer_id', 'text', (c) => c.notNull())
      .addColumn('meter_id', 'text', (c) => c.notNull())
      .addColumn('period_start', 'text', (c) => c.notNull())
      .addColumn('quantity', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('meter_usage_pk', ['customer_id', 'meter_id', 'period_start'])
      .execute();
    // A subscription's credits: what its current cycle used, and what its bundles have left.
    await db.schema
      .createTable('credit_balances')
      .addColumn('subscription_id', 'text', (c) => c.primaryKey().references('subscriptions.id'))
      .addColumn('cycle_start_at', 'text', (c) => c.notNull())
      .addColumn('cycle_used', 'text', (c) => c.notNull())
      .addColumn('bundle_remaining', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('webhooks')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('merchant_id', 'text', (c) => c.notNull().references('merchants.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('url', 'text', (c) => c.notNull())
      .addColumn('secret', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('deleted_at', 'text')
      .execute();
    await db.schema.createIndex('webhooks_merchant').on('webhooks').column('merchant_id').execute();
    // The outbox: written in the transaction of the change it announces; `payload` is the exact
    // body every delivery sends.
    await db.schema
      .createTable('webhook_events')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('merchant_id', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('payload', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('dispatched_at', 'text')
      .execute();
    await db.schema
      .createIndex('webhook_events_undispatched')
      .on('webhook_events')
      .column('created_at')
      .where(sql.ref('dispatched_at'), 'is', null)
      .execute();
    await db.schema
      .createTable('webhook_deliveries')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('event_id', 'text', (c) => c.notNull().references('webhook_events.id'))
      .addColumn('webhook_id', 'text', (c) => c.notNull().references('webhooks.id'))
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('next_attempt_at', 'text', (c) => c.notNull())
      .addColumn('locked_until', 'text')
      .addColumn('delivered_at', 'text')
      .addColumn('failed_at', 'text')
      .addColumn('last_error', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('webhook_deliveries_event_webhook', ['event_id', 'webhook_id'])
      .execute();
    await db.schema
      .createIndex('webhook_deliveries_due')
      .on('webhook_deliveries')
      .column('next_attempt_at')
      .where(sql.ref('delivered_at'), 'is', null)
      .execute();

    await db.schema
      .createTable('idempotency_keys')
      .addColumn('merchant_id', 'text', (c) => c.notNull())
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('request_hash', 'text', (c) => c.notNull())
      .addColumn('status', 'integer')
      .addColumn('response', 'text')
      .addColumn('locked_until', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('idempotency_keys_pk', ['merchant_id', 'key'])
      .execute();
    await db.schema
      .createIndex('idempotency_keys_created')
      .on('idempotency_keys')
      .column('created_at')
      .execute();
  },
};

export default migration;
