import { type Kysely, type Migration, SqliteAdapter, sql } from 'kysely';

/** What a gateway call adds to a recorded request: who answered it, and what it cost. */
const GATEWAY_COLUMNS = [
  'provider',
  'model',
  'endpoint',
  'provider_key_type',
  'cost',
  'status',
] as const;

/**
 * Requests made through the gateway are recorded with the requests of `POST /v1/requests`: a
 * call with the secret key alone has no customer and no meter, so both become nullable, and
 * each request keeps its provider, model, endpoint, key type, provider cost and status (what
 * the API recorded before is `custom`, with no cost).
 *
 * PostgreSQL drops the NOT NULLs in place; SQLite makes the table again (foreign keys off while
 * it runs, as `openDatabase` migrates).
 */
const migration: Migration = {
  async up(db: Kysely<unknown>) {
    if (!(db.getExecutor().adapter instanceof SqliteAdapter)) {
      for (const column of ['customer_id', 'meter_id']) {
        await db.schema
          .alterTable('usage_requests')
          .alterColumn(column, (c) => c.dropNotNull())
          .execute();
      }
      for (const column of GATEWAY_COLUMNS) {
        await db.schema.alterTable('usage_requests').addColumn(column, 'text').execute();
      }
      return;
    }
    await db.schema
      .createTable('usage_requests_new')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('merchant_id', 'text', (c) => c.notNull().references('merchants.id'))
      .addColumn('request_id', 'text', (c) => c.notNull())
      .addColumn('customer_id', 'text', (c) => c.references('customers.id'))
      .addColumn('meter_id', 'text', (c) => c.references('meters.id'))
      .addColumn('subscription_id', 'text')
      .addColumn('usage', 'text', (c) => c.notNull())
      .addColumn('charge', 'text', (c) => c.notNull())
      .addColumn('drawn_cycle', 'text', (c) => c.notNull())
      .addColumn('drawn_bundle', 'text', (c) => c.notNull())
      .addColumn('breakdown', 'text', (c) => c.notNull())
      .addColumn('metadata', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('usage_tokens', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('charge_trillions', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('charge_ones', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('charge_fraction', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('provider', 'text')
      .addColumn('model', 'text')
      .addColumn('endpoint', 'text')
      .addColumn('provider_key_type', 'text')
      .addColumn('cost', 'text')
      .addColumn('status', 'text')
      .addUniqueConstraint('usage_requests_merchant_request', ['merchant_id', 'request_id'])
      .execute();
    await sql`
      insert into usage_requests_new
        (id, merchant_id, request_id, customer_id, meter_id, subscription_id, usage, charge,
         drawn_cycle, drawn_bundle, breakdown, metadata, created_at, usage_tokens,
         charge_trillions, charge_ones, charge_fraction)
      select id, merchant_id, request_id, customer_id, meter_id, subscription_id, usage, charge,
         drawn_cycle, drawn_bundle, breakdown, metadata, created_at, usage_tokens,
         charge_trillions, charge_ones, charge_fraction
      from usage_requests
    `.execute(db);
    await db.schema.dropTable('usage_requests').execute();
    await db.schema.alterTable('usage_requests_new').renameTo('usage_requests').execute();
    await db.schema
      .createIndex('usage_requests_merchant_created_id')
      .on('usage_requests')
      .columns(['merchant_id', 'created_at', 'id'])
      .execute();
    await db.schema
      .createIndex('usage_requests_customer_created_id')
      .on('usage_requests')
      .columns(['customer_id', 'created_at', 'id'])
      .execute();
  },
};

export default migration;
