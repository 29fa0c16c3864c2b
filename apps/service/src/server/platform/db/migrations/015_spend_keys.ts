import type { Kysely, Migration } from 'kysely';

/**
 * Spend keys: gateway keys a merchant hands to an agent, each scoped to the merchant and
 * optionally one customer and meter, with limits the gateway enforces. The key is stored only
 * as its SHA-256. The counters of the current cycle and of the rate window live on the row and
 * change only through a compare-and-set on `version`, so concurrent calls cannot overrun a limit.
 * Secret keys get the name and hint the REST API shows.
 */
const migration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('spend_keys')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('merchant_id', 'text', (c) => c.notNull().references('merchants.id'))
      .addColumn('customer_id', 'text')
      .addColumn('meter_id', 'text')
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('key_hash', 'text', (c) => c.notNull().unique())
      .addColumn('key_preview', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('request_shape', 'text', (c) => c.notNull())
      .addColumn('allowed_models', 'text')
      .addColumn('allowed_providers', 'text')
      .addColumn('spend_limit_amount', 'text')
      .addColumn('spend_limit_cycle', 'text')
      .addColumn('request_limit_count', 'integer')
      .addColumn('request_limit_cycle', 'text')
      .addColumn('rate_limit_rpm', 'integer')
      .addColumn('rate_limit_burst', 'integer')
      .addColumn('expires_at', 'text')
      .addColumn('spend_cycle_start', 'text')
      .addColumn('current_spend', 'text', (c) => c.notNull().defaultTo('0'))
      .addColumn('total_spend', 'text', (c) => c.notNull().defaultTo('0'))
      .addColumn('request_cycle_start', 'text')
      .addColumn('current_requests', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('total_requests', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('rate_tokens', 'real')
      .addColumn('rate_updated_at', 'text')
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('last_used_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('revoked_at', 'text')
      .execute();
    await db.schema
      .createIndex('spend_keys_merchant_id')
      .on('spend_keys')
      .columns(['merchant_id', 'id'])
      .execute();

    await db.schema.alterTable('secret_keys').addColumn('name', 'text').execute();
    await db.schema.alterTable('secret_keys').addColumn('key_hint', 'text').execute();
  },
};

export default migration;
