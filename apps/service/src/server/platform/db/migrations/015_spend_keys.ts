import type { Kysely, Migration } from 'kysely';
import { addColumns } from './addColumns.ts';
import { columns } from './columns.ts';
import { createIndex } from './createIndex.ts';

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
      .$call(columns.id)
      .$call(columns.merchant)
      .$call(columns.text(['customer_id', 'meter_id']))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('key_hash', 'text', (c) => c.notNull().unique())
      .$call(columns.required(['key_preview', 'status', 'request_shape']))
      .$call(
        columns.text([
          'allowed_models',
          'allowed_providers',
          'spend_limit_amount',
          'spend_limit_cycle',
        ]),
      )
      .addColumn('request_limit_count', 'integer')
      .addColumn('request_limit_cycle', 'text')
      .$call(columns.of('integer', ['rate_limit_rpm', 'rate_limit_burst']))
      .$call(columns.text(['expires_at', 'spend_cycle_start']))
      .$call(
        columns.of('text', ['current_spend', 'total_spend'], (c) => c.notNull().defaultTo('0')),
      )
      .addColumn('request_cycle_start', 'text')
      .$call(columns.counters(['current_requests', 'total_requests']))
      .addColumn('rate_tokens', 'real')
      .addColumn('rate_updated_at', 'text')
      .$call(columns.counters(['version']))
      .addColumn('last_used_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('revoked_at', 'text')
      .execute();
    await createIndex(db, 'spend_keys_merchant_id', 'spend_keys', ['merchant_id', 'id']);

    await addColumns(db, 'secret_keys', ['name', 'key_hint']);
  },
};

export default migration;
