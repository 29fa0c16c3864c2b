import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { AT, storeFixtures } from '../../../testing/storeFixtures.ts';
import { createPostgresDatabase, DIALECTS } from '../../../testing/testDatabases.ts';
import { summarizeUsage } from '../../../usage/summarizeUsage.ts';
import type { Db } from '../Database.ts';
import { groupCommitDialect } from '../groupCommitDialect.ts';
import { migrateToLatest, readMigrations } from '../migrateToLatest.ts';

let db: Kysely<unknown> | undefined;
afterEach(async () => {
  await db?.destroy();
  db = undefined;
});

/** A new database file; foreign keys off, as openDatabase migrates (a migration rebuilds a table). */
function sqliteForMigrations() {
  const sqlite = new SQLite(join(mkdtempSync(join(tmpdir(), 'lava-db-')), 'checkout.sqlite'));
  sqlite.pragma('foreign_keys = OFF');
  return sqlite;
}

/** A new database, migrated up to the one before usage sums. */
async function databaseBeforeUsageSums(dialect: (typeof DIALECTS)[number]) {
  const opened =
    dialect === 'postgres'
      ? new Kysely<unknown>({
          dialect: new PostgresDialect({
            pool: new pg.Pool({ connectionString: await createPostgresDatabase() }),
          }),
        })
      : new Kysely<unknown>({
          dialect: groupCommitDialect(sqliteForMigrations(), {
            statements: 0,
            commits: 0,
            syncs: 0,
          }),
        });
  const migrator = new Migrator({
    db: opened,
    provider: { getMigrations: readMigrations },
  });
  const names = Object.keys(await readMigrations()).sort();
  const before = names[names.findIndex((name) => name.endsWith('_usage_sums')) - 1];
  if (!before) throw new Error('no migration comes before the usage sums');
  const { error } = await migrator.migrateTo(before);
  if (error) throw error;
  return opened;
}

describe.each(DIALECTS)('the usage sums migration on %s', (dialect) => {
  it('gives the requests recorded before it their tokens and charge parts, which then sum exactly', async () => {
    db = await databaseBeforeUsageSums(dialect);
    await storeFixtures(db as unknown as Db, undefined, { credits: false });
    const charges = ['0.0045000000', '33333333333333.3333333333', '0.0000000001'];
    // 1,001 requests: more than one batch of the backfill.
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < 1001; i++) {
        const charge = charges[i % 3] ?? '0';
        await sql`
        insert into usage_requests (id, merchant_id, request_id, customer_id, meter_id, usage,
          charge, drawn_cycle, drawn_bundle, breakdown, metadata, created_at)
        values (${`rq_${String(i).padStart(4, '0')}`}, 'mer_test_1', ${`r${i}`}, 'con_test_1', 'prd_test_1',
          ${JSON.stringify({ input_tokens: i, output_tokens: 1 })}, ${charge}, '0', '0', '{}', '{}', ${AT})
      `.execute(trx);
      }
    });
    await migrateToLatest(db);
    const summary = await summarizeUsage(
      { db: db as unknown as Db, dialect },
      { merchantId: 'mer_test_1' },
      { start: '2026-11-01' },
    );
    // 334 of the first charge, 334 of the second, 333 of the third.
    expect(summary.totals).toEqual({
      total_requests: 1001,
      total_usage_tokens: (1000 * 1001) / 2 + 1001,
      total_cost: '0.0000000000',
      total_charge: '11133333333333334.8363333555',
    });
  });
});
