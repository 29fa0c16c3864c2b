import { type Kysely, type Migration, SqliteAdapter } from 'kysely';
import { rebuildTable } from '../rebuildTable.ts';
import { addColumns } from './addColumns.ts';
import { columns } from './columns.ts';
import { dropNotNull } from './dropNotNull.ts';
import { usageRequestRecord, usageSums } from './sharedColumns.ts';

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
 * PostgreSQL drops the NOT NULLs in place; SQLite makes the table again (see `rebuildTable`).
 */
const migration: Migration = {
  async up(db: Kysely<unknown>) {
    if (!(db.getExecutor().adapter instanceof SqliteAdapter)) {
      await dropNotNull(db, 'usage_requests', ['customer_id', 'meter_id']);
      await addColumns(db, 'usage_requests', GATEWAY_COLUMNS);
      return;
    }
    await rebuildTable(db, 'usage_requests', (table) =>
      table
        .$call(columns.id)
        .$call(columns.merchant)
        .addColumn('request_id', 'text', (c) => c.notNull())
        .addColumn('customer_id', 'text', (c) => c.references('customers.id'))
        .addColumn('meter_id', 'text', (c) => c.references('meters.id'))
        .$call(usageRequestRecord)
        .$call(usageSums)
        .$call(columns.text(GATEWAY_COLUMNS))
        .addUniqueConstraint('usage_requests_merchant_request', ['merchant_id', 'request_id']),
    );
  },
};

export default migration;
