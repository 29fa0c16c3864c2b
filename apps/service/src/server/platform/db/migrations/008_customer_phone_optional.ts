import { type Kysely, type Migration, SqliteAdapter, sql } from 'kysely';

/** What customers made through the API without a phone held before: `none:<their id>`. */
const PLACEHOLDER = 'none:%';

/**
 * A customer made through the REST API may have no phone: `customers.phone` becomes nullable,
 * and the `none:<id>` placeholders that kept it filled become `null`. (merchant, phone) stays
 * unique for real phones; both databases let any number of rows hold `null` under it.
 *
 * PostgreSQL drops the NOT NULL in place. SQLite cannot: the table is made again, copied and
 * swapped in, with its constraints and indexes, which needs foreign keys off while it runs
 * (`openDatabase` migrates with them off, then checks every foreign key and turns them on).
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
    const { rows } = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(db);
    if (rows[0]?.foreign_keys !== 0) {
      throw new Error(
        'Lava Checkout: making the customers table again needs foreign keys off, or dropping it would take the rows that point at it. Migrate through openDatabase, which turns them off.',
      );
    }
    await db.schema
      .createTable('customers_new')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('merchant_id', 'text', (c) => c.notNull().references('merchants.id'))
      .addColumn('phone', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('reference_id', 'text')
      .addColumn('email', 'text')
      .addColumn('name', 'text')
      .addColumn('metadata', 'text')
      .addColumn('deleted_at', 'text')
      .addUniqueConstraint('customers_merchant_phone', ['merchant_id', 'phone'])
      .execute();
    await sql`
      insert into customers_new
        (id, merchant_id, phone, created_at, reference_id, email, name, metadata, deleted_at)
      select id, merchant_id,
        case when phone like ${PLACEHOLDER} then null else phone end,
        created_at, reference_id, email, name, metadata, deleted_at
      from customers
    `.execute(db);
    await db.schema.dropTable('customers').execute();
    // The tables whose foreign keys name `customers` now point at the new one.
    await db.schema.alterTable('customers_new').renameTo('customers').execute();
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
  },
};

export default migration;
