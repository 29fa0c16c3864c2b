import { onTestFinished } from 'vitest';
import type { Db } from '../platform/db/Database.ts';
import { openPostgresDatabase } from '../platform/db/openPostgresDatabase.ts';
import { createPostgresDatabase } from './testDatabases.ts';

/**
 * `count` connection pools to one fresh PostgreSQL database, as `count` processes would hold,
 * for the running test alone: they are closed when the test ends, passed or failed.
 */
export async function postgresPoolsForTest(count: number): Promise<[Db, ...Db[]]> {
  const url = await createPostgresDatabase();
  const pools: Db[] = [];
  onTestFinished(() => Promise.all(pools.map((db) => db.destroy())).then(() => {}));
  for (let i = 0; i < count; i++) pools.push(await openPostgresDatabase(url));
  return pools as [Db, ...Db[]];
}
