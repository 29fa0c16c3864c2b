import SQLite from 'better-sqlite3';
import { type Generated, Kysely, SqliteDialect, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type DatabaseCounts, reuseStatements } from './reuseStatements.ts';

let sqlite: SQLite.Database;
let counts: DatabaseCounts;
let db: Kysely<{ t: { id: Generated<number>; v: string } }>;
beforeEach(() => {
  sqlite = new SQLite(':memory:');
  sqlite.exec('create table t (id integer primary key, v text)');
  counts = { statements: 0, commits: 0 };
  db = new Kysely({ dialect: new SqliteDialect({ database: reuseStatements(sqlite, counts) }) });
});
afterEach(async () => {
  await db.destroy();
});

describe('reuseStatements', () => {
  it('counts a write outside a transaction as a commit, one that returns rows too', async () => {
    await db.insertInto('t').values({ v: 'a' }).execute();
    await db.insertInto('t').values({ v: 'b' }).returningAll().execute();
    await db.selectFrom('t').selectAll().execute();
    expect(counts).toEqual({ statements: 3, commits: 2 });
  });

  it('counts a transaction as one commit, and its statements without begin and commit', async () => {
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('t').values({ v: 'a' }).returningAll().execute();
      await trx.updateTable('t').set({ v: 'b' }).execute();
    });
    expect(counts).toEqual({ statements: 2, commits: 1 });
  });

  it('prepares a statement once and runs it again with new values', async () => {
    const prepare = vi.spyOn(sqlite, 'prepare');
    for (const v of ['a', 'b', 'c']) await db.insertInto('t').values({ v }).execute();
    const { rows } = await sql<{ v: string }>`select v from t order by id`.execute(db);
    expect(rows.map((row) => row.v)).toEqual(['a', 'b', 'c']);
    expect(prepare).toHaveBeenCalledTimes(2);
  });
});
