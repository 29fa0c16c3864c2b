import { type Kysely, type Migration, SqliteAdapter, sql } from 'kysely';
import { rebuildTable } from '../rebuildTable.ts';
import { CUSTOMER_DETAIL_COLUMNS, textColumns } from './sharedColumns.ts';

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
      await db.schema
        .alterTable('customers')
        .alterColumn('phone', (column) => column.dropNotNull())
        .execute();
      await sql`update customers set phone = null where phone like ${PLACEHOLDER}`.execute(db);
      return;
    }
    await rebuildTable(
      db,
      'customers',
      (table) =>
        table
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('merchant_id', 'text', (c) => c.notNull().references('merchants.id'))
          .addColumn('phone', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .$call(textColumns(CUSTOMER_DETAIL_COLUMNS))
          .addUniqueConstraint('customers_merchant_phone', ['merchant_id', 'phone']),
      { select: { phone: sql`case when phone like ${PLACEHOLDER} then null else phone end` } },
    );
  },
};

export default migration;
