import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect } from 'kysely';
import pg from 'pg';
import { onTestFinished } from 'vitest';
import { groupCommitDialect } from '../platform/db/groupCommitDialect.ts';
import { readMigrations } from '../platform/db/migrateToLatest.ts';
import { createPostgresDatabase, type Dialect } from './testDatabases.ts';

/**
 * A new database of the given kind that ran every migration named before `migration` (a file
 * name without extension, such as `010_limits_per_merchant`), and not it: the state a database
 * was in when that migration came. SQLite has foreign keys off, as `openDatabase` migrates
 * (a migration may make a table again). `migrateToLatest` on it then runs the rest. Closed when
 * the test ends.
 */
export async function databaseBeforeMigration(
  dialect: Dialect,
  migration: string,
): Promise<Kysely<unknown>> {
  const all = await readMigrations();
  if (!(migration in all)) throw new Error(`no migration is named ${migration}`);
  let db: Kysely<unknown>;
  if (dialect === 'postgres') {
    const pool = new pg.Pool({ connectionString: await createPostgresDatabase() });
    db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) });
  } else {
    const sqlite = new SQLite(join(mkdtempSync(join(tmpdir(), 'lava-db-')), 'checkout.sqlite'));
    sqlite.pragma('foreign_keys = OFF');
    const counts = { statements: 0, commits: 0, syncs: 0 };
    db = new Kysely<unknown>({ dialect: groupCommitDialect(sqlite, counts) });
  }
  onTestFinished(() => db.destroy());
  const before = Object.fromEntries(Object.entries(all).filter(([name]) => name < migration));
  const { error } = await new Migrator({
    db,
    provider: { getMigrations: async () => before },
  }).migrateToLatest();
  if (error) throw error;
  return db;
}
