import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Db } from './Database.ts';
import { migrateToLatest } from './migrateToLatest.ts';

/**
 * Connects to PostgreSQL (`DATABASE_URL`) and migrates it: the same migrations as the embedded
 * database. Several service processes may share it; the migrator takes a lock, so they can
 * start at once.
 */
export async function openPostgresDatabase(
  connectionString: string,
  options: { maxConnections?: number } = {},
): Promise<Db> {
  const pool = new pg.Pool({ connectionString, max: options.maxConnections ?? 10 });
  const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) });
  try {
    await migrateToLatest(db);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return db as unknown as Db;
}
