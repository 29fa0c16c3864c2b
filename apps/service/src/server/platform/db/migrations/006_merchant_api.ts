import { type Kysely, type Migration, sql } from 'kysely';
import { addColumns } from './addColumns.ts';
import { columns } from './columns.ts';
import { createIndex } from './createIndex.ts';
import { CUSTOMER_DETAIL_COLUMNS, usageRequestRecord } from './sharedColumns.ts';

/**
 * The merchant side: what the REST API keeps beyond checkout (customer details, deletions,
 * credit bundle sessions), usage and credits, webhooks with their outbox, and idempotent
 * retries. Money stays a decimal string.
 */
const migration: Migration = {
  async up(db: Kysely<unknown>) {
    await addColumns(db, 'customers', CUSTOMER_DETAIL_COLUMNS);
    await createIndex(
      db,
      'customers_merchant_reference',
      'customers',
      ['merchant_id', 'reference_id'],
      (index) => index.unique(),
    );
    await createIndex(db, 'customers_merchant_id', 'customers', ['merchant_id', 'id']);
    await addColumns(db, 'checkout_sessions', ['credit_bundle_id']);
    for (const table of ['meters', 'plans', 'credit_bundles']) {
      await addColumns(db, table, ['deleted_at']);
    }
    await addColumns(db, 'plans', ['default_auto_top_up_bundle_id']);
    await addColumns(db, 'subscriptions', ['auto_top_up_bundle_id']);
    await createIndex(db, 'subscriptions_plan', 'subscriptions', ['plan_id', 'status']);

    await db.schema
      .createTable('usage_requests')
      .$call(columns.id)
      .$call(columns.merchant)
      .addColumn('request_id', 'text', (c) => c.notNull())
      .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
      .addColumn('meter_id', 'text', (c) => c.notNull().references('meters.id'))
      .$call(usageRequestRecord)
      .addUniqueConstraint('usage_requests_merchant_request', ['merchant_id', 'request_id'])
      .execute();
    await createIndex(db, 'usage_requests_customer_created', 'usage_requests', [
      'customer_id',
      'created_at',
    ]);
    await createIndex(db, 'usage_requests_merchant_created', 'usage_requests', [
      'merchant_id',
      'created_at',
    ]);
    // What a customer used of a meter in a period: where its graduated tiers stand.
    await db.schema
      .createTable('meter_usage')
      .$call(columns.required(['customer_id', 'meter_id', 'period_start', 'quantity']))
      .addPrimaryKeyConstraint('meter_usage_pk', ['customer_id', 'meter_id', 'period_start'])
      .execute();
    // A subscription's credits: what its current cycle used, and what its bundles have left.
    await db.schema
      .createTable('credit_balances')
      .addColumn('subscription_id', 'text', (c) => c.primaryKey().references('subscriptions.id'))
      .$call(columns.required(['cycle_start_at', 'cycle_used', 'bundle_remaining', 'updated_at']))
      .execute();

    await db.schema
      .createTable('webhooks')
      .$call(columns.id)
      .$call(columns.merchant)
      .$call(columns.required(['name', 'url', 'secret', 'created_at']))
      .addColumn('deleted_at', 'text')
      .execute();
    await createIndex(db, 'webhooks_merchant', 'webhooks', ['merchant_id']);
    // The outbox: written in the transaction of the change it announces; `payload` is the exact
    // body every delivery sends.
    await db.schema
      .createTable('webhook_events')
      .$call(columns.id)
      .$call(columns.required(['merchant_id', 'type', 'payload', 'created_at']))
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
      .$call(columns.id)
      .addColumn('event_id', 'text', (c) => c.notNull().references('webhook_events.id'))
      .addColumn('webhook_id', 'text', (c) => c.notNull().references('webhooks.id'))
      .$call(columns.counters(['attempts']))
      .addColumn('next_attempt_at', 'text', (c) => c.notNull())
      .$call(columns.text(['locked_until', 'delivered_at', 'failed_at', 'last_error']))
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
      .$call(columns.required(['merchant_id', 'key', 'request_hash']))
      .addColumn('status', 'integer')
      .addColumn('response', 'text')
      .$call(columns.required(['locked_until', 'created_at']))
      .addPrimaryKeyConstraint('idempotency_keys_pk', ['merchant_id', 'key'])
      .execute();
    await createIndex(db, 'idempotency_keys_created', 'idempotency_keys', ['created_at']);
  },
};

export default migration;
