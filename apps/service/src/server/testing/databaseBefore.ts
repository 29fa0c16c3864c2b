import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { readMigrations } from '../platform/db/migrateToLatest.ts';
import { createPostgresDatabase, type Dialect } from './testDatabases.ts';

/**
 * A new database of `dialect`, migrated up to just before the migration whose name ends with
 * `migration` (`_free_plans`): what a migration test fills with the rows of its time before
 * running `migrateToLatest`. SQLite's foreign keys are off, as `openDatabase` migrates.
 */
export async function databaseBefore(
  dialect: Dialect,
  migration: string,
): Promise<Kysely<unknown>> {
  const names = Object.keys(await readMigrations()).sort();
  const index = names.findIndex((name) => name.endsWith(migration));
  if (index < 0) throw new Error(`no migration is named *${migration}`);
  const before = Object.fromEntries(
    Object.entries(await readMigrations()).filter(([name]) => names.indexOf(name) < index),
  );
  let db: Kysely<unknown>;
  if (dialect === 'postgres') {
    db = new Kysely<unknown>({
      dialect: new PostgresDialect({
        pool: new pg.Pool({ connectionString: await createPostgresDatabase() }),
      }),
    });
  } else {
    const sqlite = new SQLite(join(mkdtempSync(join(tmpdir(), 'lava-db-')), 'checkout.sqlite'));
    sqlite.pragma('foreign_keys = OFF');
    db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: sqlite }) });
  }
  const { error } = await new Migrator({
    db,
    provider: { getMigrations: async () => before },
  }).migrateToLatest();
  if (error) {
    await db.destroy();
    throw error;
  }
  return db;
}
