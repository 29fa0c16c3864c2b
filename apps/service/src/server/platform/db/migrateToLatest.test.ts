import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { DIALECTS, openTestDatabase } from '../../testing/testDatabases.ts';
import type { Db } from './Database.ts';
import { migrateToLatest, readMigrations } from './migrateToLatest.ts';

let db: Db | undefined;
afterEach(async () => {
  await db?.destroy();
  db = undefined;
});

describe.each(DIALECTS)('migrateToLatest on %s', (dialect) => {
  it('creates every table once, and running it again changes nothing', async () => {
    ({ db } = await openTestDatabase(dialect));
    const tables = (await db.introspection.getTables()).map((t) => t.name).sort();
    expect(tables).toEqual(expect.arrayContaining(['checkout_sessions', 'customers', 'payments']));
    await migrateToLatest(db as never);
    expect((await db.introspection.getTables()).map((t) => t.name).sort()).toEqual(tables);
  });

  it('keeps one in-flight payment per purchase, as on the embedded database', async () => {
    ({ db } = await openTestDatabase(dialect));
    const row = (id: string, status: string) => ({
      id,
      kind: 'plan',
      session_id: 'cs_1',
      amount: '49.00',
      currency: 'usd',
      status,
      created_at: '2026-11-22T12:00:00.000Z',
      merchant_id: 'mer_1',
      plan_id: 'sc_1',
      phone: '+14155550100',
    });
    await sql`insert into merchants (id, name, environment, created_at) values ('mer_1', 'M', 'test', 'x')`.execute(
      db,
    );
    await sql`insert into checkout_sessions (id, merchant_id, mode, origin_url, status, expires_at, created_at) values ('cs_1', 'mer_1', 'subscription', 'https://a.com', 'open', 'x', 'x')`.execute(
      db,
    );
    await db
      .insertInto('payments')
      .values(row('pay_1', 'pending') as never)
      .execute();
    await expect(
      db
        .insertInto('payments')
        .values(row('pay_2', 'pending') as never)
        .execute(),
    ).rejects.toThrow(/unique/i);
    await db
      .insertInto('payments')
      .values(row('pay_3', 'failed') as never)
      .execute();
  });
});

describe('migrateToLatest after branches land', () => {
  it('runs a migration numbered below one the database already ran', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'lava-db-')), 'checkout.sqlite');
    const sqlite = new SQLite(file);
    sqlite.pragma('foreign_keys = OFF'); // as openDatabase migrates: a migration rebuilds a table
    const early = new Kysely<unknown>({ dialect: new SqliteDialect({ database: sqlite }) });
    const all = await readMigrations();
    const names = Object.keys(all);
    const skipped = names[names.length - 2] as string;
    const without = Object.fromEntries(Object.entries(all).filter(([name]) => name !== skipped));
    const { error } = await new Migrator({
      db: early,
      provider: { getMigrations: async () => without },
    }).migrateToLatest();
    if (error) throw error;

    expect(await migrateToLatest(early)).toEqual([skipped]);
    expect(await migrateToLatest(early)).toEqual([]);
    await early.destroy();
  });
});
