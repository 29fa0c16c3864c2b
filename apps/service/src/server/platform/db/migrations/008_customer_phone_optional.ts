import { type Kysely, type Migration, SqliteAdapter, sql } from 'kysely';
import { rebuildTable } from '../rebuildTable.ts';
import { columns } from './columns.ts';
import { dropNotNull } from './dropNotNull.ts';
import { CUSTOMER_DETAIL_COLUMNS } from './sharedColumns.ts';

/** What customers made through the API without a phone held before: `none:<their id>`. */
const PLACEHOLDER = 'none:%';

/**
 * A customer made through the REST API may have no phone: `customers.phone` becomes nullable,
 * and the `none:<id>` placeholders that kept it filled become `null`. (merchant, phone) stays
 * unique for real phones; both databases let any number of rows hold `null` under it.
 *
 * PostgreSQL drops the NOT NULL in place. SQLite cannot: the table is made again (see
 * `rebuildTable`), with its constraints and indexes.
 */
const migration: Migration = {
  async up(db: Kysely<unknown>) {
    if (!(db.getExecutor().adapter instanceof SqliteAdapter)) {
      await dropNotNull(db, 'customers', ['phone']);
      await sql`update customers set phone = null where phone like ${PLACEHOLDER}`.execute(db);
      return;
    }
    await rebuildTable(
      db,
      'customers',
      (table) =>
        table
          .$call(columns.id)
          .$call(columns.merchant)
          .addColumn('phone', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .$call(columns.text(CUSTOMER_DETAIL_COLUMNS))
          .addUniqueConstraint('customers_merchant_phone', ['merchant_id', 'phone']),
      { select: { phone: sql`case when phone like ${PLACEHOLDER} then null else phone end` } },
    );
  },
};

export default migration;
