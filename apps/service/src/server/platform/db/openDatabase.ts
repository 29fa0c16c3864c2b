import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely } from 'kysely';
import type { Db } from './Database.ts';
import type { DatabaseCounts } from './DatabaseCounts.ts';
import { groupCommitDialect } from './groupCommitDialect.ts';
import { migrateToLatest } from './migrateToLatest.ts';
import { registerProcessDurable } from './processDurable.ts';

/** The embedded database, and a running count of what it ran. */
export interface EmbeddedDatabase {
  db: Db;
  counts: DatabaseCounts;
}

/**
 * Opens (creating if needed) the embedded database file and migrates it. WAL with
 * `synchronous=FULL`: a reply or a `success` message is only sent after its commit is on disk.
 * Commits that come together share one fsync (see `groupCommitDialect`). Writes made through
 * `processDurable(db)` commit without the fsync (`synchronous=NORMAL`): they outlive the
 * process, not a power cut.
 */
export async function openDatabase(file: string): Promise<EmbeddedDatabase> {
  mkdirSync(dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('busy_timeout = 5000');
  // Savepoint journals in memory (and the service's few, small sorts and temporary tables):
  // every transaction runs in a savepoint (see groupCommitDialect), and once one touched more
  // than 16 pages SQLite moved its journal to a new temporary file, which made the last insert
  // of a billed gateway call cost about 5 times what it does in memory.
  sqlite.pragma('temp_store = MEMORY');
  // Off while migrating: SQLite changes a column's constraints only by making its table again,
  // which would take the rows pointing at it. Every foreign key is checked after a migration.
  sqlite.pragma('foreign_keys = OFF');
  const counts: DatabaseCounts = { statements: 0, commits: 0, syncs: 0 };
  const dialect = groupCommitDialect(sqlite, counts);
  const db = new Kysely<unknown>({ dialect });
  const ran = await migrateToLatest(db);
  const broken =
    ran.length === 0
      ? []
      : (sqlite.pragma('foreign_key_check') as { table: string; parent: string }[]);
  if (broken.length > 0) {
    await db.destroy();
    throw new Error(
      `Lava Checkout: after migrating ${file}, ${broken.length} rows of ${broken[0]?.table} point at no row of ${broken[0]?.parent}. Restore the file from a backup and report this.`,
    );
  }
  sqlite.pragma('foreign_keys = ON');
  registerProcessDurable(
    db as unknown as Db,
    new Kysely<unknown>({ dialect: dialect.processDurable }) as unknown as Db,
  );
  return { db: db as unknown as Db, counts };
}
