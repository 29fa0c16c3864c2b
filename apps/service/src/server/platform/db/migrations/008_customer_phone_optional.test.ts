import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { createPostgresDatabase, DIALECTS, type Dialect } from '../../../testing/testDatabases.ts';
import type { Db } from '../Database.ts';
import { groupCommitDialect } from '../groupCommitDialect.ts';
import { migrateToLatest, readMigrations } from '../migrateToLatest.ts';
import { openDatabase } from '../openDatabase.ts';
import { openPostgresDatabase } from '../openPostgresDatabase.ts';

const BEFORE = '007_bundle_payments';
const AT = '2026-11-22T12:00:00.000Z';

let opened: Kysely<unknown>[] = [];
afterEach(async () => {
  await Promise.all(opened.map((db) => db.destroy()));
  opened = [];
});

/**
 * A database as the service left it before this migration, opened as the service opened it
 * then (foreign keys on), and a way to open it again as the service opens it now.
 */
async function databaseBefore(dialect: Dialect) {
  let db: Kysely<unknown>;
  let reopen: () => Promise<Db>;
  let sqlite: SQLite.Database | undefined;
  if (dialect === 'postgres') {
    const url = await createPostgresDatabase();
    db = new Kysely({
      dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url }) }),
    });
    reopen = () => openPostgresDatabase(url);
  } else {
    const file = join(mkdtempSync(join(tmpdir(), 'lava-db-')), 'checkout.sqlite');
    sqlite = new SQLite(file);
    sqlite.pragma('foreign_keys = ON');
    db = new Kysely({
      dialect: groupCommitDialect(sqlite, { statements: 0, commits: 0, syncs: 0 }),
    });
    reopen = async () => (await openDatabase(file)).db;
  }
  const migrator = new Migrator({ db, provider: { getMigrations: readMigrations } });
  const { error } = await migrator.migrateTo(BEFORE);
  if (error) throw error;
  await sql`insert into merchants (id, name, environment, created_at) values ('mer_1', 'M', 'test', ${AT})`.execute(
    db,
  );
  const customer = (id: string, phone: string, more = sql``) =>
    sql`insert into customers (id, merchant_id, phone, created_at, reference_id, deleted_at) values (${id}, 'mer_1', ${phone}, ${AT}, ${more})`.execute(
      db,
    );
  // From checkout; from the API without a phone; deleted, its phone freed.
  await customer('con_1', '+14155550100', sql`null, null`);
  await customer('con_2', 'none:con_2', sql`'user_2', null`);
  await customer('con_3', 'none:con_3', sql`null, ${AT}`);
  await sql`insert into payment_methods (id, customer_id, processor_ref, brand, last4, exp_month, exp_year, created_at) values ('pm_1', 'con_2', 'pm_ref', 'visa', '4242', 12, 2034, ${AT})`.execute(
    db,
  );
  return {
    db,
    sqlite,
    async migrate(): Promise<Db> {
      await db.destroy();
      const migrated = await reopen();
      opened.push(migrated as unknown as Kysely<unknown>);
      return migrated;
    },
  };
}

describe.each(DIALECTS)('customers.phone becomes optional, on %s', (dialect) => {
  it('turns the none:<id> placeholders into null and keeps every other column', async () => {
    const db = await (await databaseBefore(dialect)).migrate();
    expect(
      await db
        .selectFrom('customers')
        .select(['id', 'merchant_id', 'phone', 'reference_id', 'created_at', 'deleted_at'])
        .orderBy('id')
        .execute(),
    ).toEqual([
      {
        id: 'con_1',
        merchant_id: 'mer_1',
        phone: '+14155550100',
        reference_id: null,
        created_at: AT,
        deleted_at: null,
      },
      {
        id: 'con_2',
        merchant_id: 'mer_1',
        phone: null,
        reference_id: 'user_2',
        created_at: AT,
        deleted_at: null,
      },
      {
        id: 'con_3',
        merchant_id: 'mer_1',
        phone: null,
        reference_id: null,
        created_at: AT,
        deleted_at: AT,
      },
    ]);
  });

  it('keeps a real phone unique per merchant, and lets any number of customers have none', async () => {
    const db = await (await databaseBefore(dialect)).migrate();
    const insert = (id: string, phone: string | null, reference_id: string | null = null) =>
      db
        .insertInto('customers')
        .values({
          id,
          merchant_id: 'mer_1',
          phone,
          created_at: AT,
          reference_id,
          email: null,
          name: null,
          metadata: null,
          deleted_at: null,
        })
        .execute();
    await insert('con_4', null);
    await insert('con_5', null);
    await expect(insert('con_6', '+14155550100')).rejects.toThrow(/unique|duplicate key/i);
    await expect(insert('con_7', null, 'user_2')).rejects.toThrow(/unique|duplicate key/i);
    await insert('con_8', '+14155550199');
  });

  it('keeps the foreign keys that point at customers', async () => {
    const db = await (await databaseBefore(dialect)).migrate();
    await expect(db.deleteFrom('customers').where('id', '=', 'con_2').execute()).rejects.toThrow(
      /foreign key/i,
    );
    await expect(
      sql`insert into payment_methods (id, customer_id, processor_ref, brand, last4, exp_month, exp_year, created_at) values ('pm_2', 'con_nobody', 'pm_ref', 'visa', '4242', 12, 2034, ${AT})`.execute(
        db,
      ),
    ).rejects.toThrow(/foreign key/i);
  });
});

describe('on the embedded database', () => {
  it('refuses to make the table again while foreign keys are on', async () => {
    const { db } = await databaseBefore('sqlite');
    opened.push(db);
    await expect(migrateToLatest(db)).rejects.toThrow(/needs foreign keys off/);
  });

  it('does not open a file whose rows point at no row after migrating', async () => {
    const before = await databaseBefore('sqlite');
    before.sqlite?.pragma('foreign_keys = OFF');
    await sql`insert into payment_methods (id, customer_id, processor_ref, brand, last4, exp_month, exp_year, created_at) values ('pm_2', 'con_nobody', 'pm_ref', 'visa', '4242', 12, 2034, ${AT})`.execute(
      before.db,
    );
    await expect(before.migrate()).rejects.toThrow(
      /1 rows of payment_methods point at no row of customers/,
    );
  });
});
