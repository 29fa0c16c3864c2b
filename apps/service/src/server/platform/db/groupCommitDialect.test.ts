import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { type Generated, Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DatabaseCounts } from './DatabaseCounts.ts';
import { groupCommitDialect } from './groupCommitDialect.ts';

type Tables = { t: { id: Generated<number>; v: string } };

let file: string;
let counts: DatabaseCounts;
let sqlite: SQLite.Database;
let dialect: ReturnType<typeof groupCommitDialect>;
let db: Kysely<Tables>;
/** A second connection to the same file: it sees only what was committed. */
let other: SQLite.Database;
beforeEach(() => {
  file = join(mkdtempSync(join(tmpdir(), 'lava-group-')), 'db.sqlite');
  sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.exec('create table t (id integer primary key, v text not null unique)');
  counts = { statements: 0, commits: 0, syncs: 0 };
  dialect = groupCommitDialect(sqlite, counts);
  db = new Kysely({ dialect });
  other = new SQLite(file, { readonly: true });
});
afterEach(async () => {
  other.close();
  await db.destroy();
});

const committed = () =>
  (other.prepare('select v from t order by v').all() as { v: string }[]).map((row) => row.v);
const insert = (v: string, into: Kysely<Tables> = db) =>
  into.transaction().execute(async (trx) => {
    await trx.insertInto('t').values({ v }).execute();
    await trx.selectFrom('t').select('id').where('v', '=', v).executeTakeFirstOrThrow();
  });

describe('groupCommitDialect', () => {
  it('commits transactions that come together with one fsync, each counted', async () => {
    await Promise.all(['a', 'b', 'c', 'd', 'e'].map((v) => insert(v)));
    expect(committed()).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(counts).toEqual({ statements: 10, commits: 5, syncs: 1 });
  });

  it('answers a transaction only once its commit is on disk', async () => {
    const seen: string[][] = [];
    await Promise.all(['a', 'b'].map((v) => insert(v).then(() => seen.push(committed()))));
    expect(seen).toEqual([
      ['a', 'b'],
      ['a', 'b'],
    ]);
  });

  it('answers a write outside a transaction only once it is on disk, and counts it', async () => {
    await Promise.all([
      db
        .insertInto('t')
        .values({ v: 'a' })
        .execute()
        .then(() => expect(committed()).toEqual(['a', 'b'])),
      insert('b'),
    ]);
    expect(counts).toMatchObject({ commits: 2, syncs: 1 });
  });

  it('rolls back a failing transaction alone; the others in its group commit', async () => {
    await insert('taken');
    const results = await Promise.allSettled([
      insert('a'),
      db.transaction().execute(async (trx) => {
        await trx.insertInto('t').values({ v: 'b' }).execute();
        await trx.insertInto('t').values({ v: 'taken' }).execute();
      }),
      insert('c'),
    ]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(committed()).toEqual(['a', 'c', 'taken']);
  });

  it('answers a read outside a transaction from what is committed, without waiting for the open group', async () => {
    await insert('a');
    const pending = insert('b');
    // Its work is done, its commit not yet made (that waits for the next turn of the loop).
    while (counts.commits === 1) await Promise.resolve();
    const read = await db.selectFrom('t').select('v').orderBy('v').execute();
    expect(read).toEqual([{ v: 'a' }]);
    expect(committed()).toEqual(['a']);
    // Work that comes after the read still shares the open group's commit.
    await Promise.all([pending, insert('c')]);
    expect(committed()).toEqual(['a', 'b', 'c']);
    expect(counts).toMatchObject({ commits: 3, syncs: 2 });
  });

  it('answers a read at once when nothing waits to be committed', async () => {
    await insert('a');
    const syncs = counts.syncs;
    expect(await db.selectFrom('t').select('v').execute()).toEqual([{ v: 'a' }]);
    expect(counts.syncs).toBe(syncs);
  });

  it('waits for another process that holds the write lock, without blocking the event loop', async () => {
    const rival = new SQLite(file);
    rival.exec('begin immediate');
    rival.prepare("insert into t (v) values ('rival')").run();
    // The rival can only let go if this process's event loop runs while it waits.
    setTimeout(() => rival.exec('commit'), 0);
    await insert('a');
    rival.close();
    expect(committed()).toEqual(['a', 'rival']);
  });

  it('gives up after 5 seconds when another process keeps the write lock', async () => {
    const rival = new SQLite(file);
    rival.exec('begin immediate');
    vi.useFakeTimers({ toFake: ['setTimeout', 'Date'] });
    try {
      let error: unknown;
      const attempt = insert('a').catch((caught: unknown) => {
        error = caught;
      });
      await vi.advanceTimersByTimeAsync(4_900);
      expect(error).toBeUndefined();
      await vi.advanceTimersByTimeAsync(200);
      await attempt;
      expect(error).toMatchObject({ code: 'SQLITE_BUSY' });
    } finally {
      vi.useRealTimers();
      rival.exec('rollback');
      rival.close();
    }
    await insert('b');
    expect(committed()).toEqual(['b']);
  });

  it('commits process-durable work unflushed (synchronous=NORMAL), and never puts flushed work in such a group', async () => {
    /** The connection's synchronous level at each commit: 1 NORMAL, 2 FULL. */
    const levels: number[] = [];
    const exec = sqlite.exec.bind(sqlite);
    vi.spyOn(sqlite, 'exec').mockImplementation((source: string) => {
      if (source === 'commit') levels.push(Number(sqlite.pragma('synchronous', { simple: true })));
      return exec(source);
    });
    const fast = new Kysely<Tables>({ dialect: dialect.processDurable });
    await insert('a', fast);
    expect(levels).toEqual([1]);
    expect(counts).toMatchObject({ commits: 1, syncs: 0 });
    // Flushed work ends the unflushed group it comes upon; unflushed work joins a flushed one.
    await Promise.all([insert('b', fast), insert('c'), insert('d', fast)]);
    expect(levels).toEqual([1, 1, 2]);
    expect(counts).toMatchObject({ commits: 4, syncs: 1 });
    expect(committed()).toEqual(['a', 'b', 'c', 'd']);
    // A write outside a transaction too.
    await fast.insertInto('t').values({ v: 'e' }).execute();
    await db.insertInto('t').values({ v: 'f' }).execute();
    expect(levels).toEqual([1, 1, 2, 1, 2]);
    expect(committed()).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
  });

  it('moves the WAL checkpoint off the event loop once the database has committed 64 times', async () => {
    for (let i = 0; i < 63; i++) await insert(`v${i}`);
    expect(sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    await insert('last');
    // SQLite's own checkpoint, which ran inside a commit, is off: a thread does it.
    expect(sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
  });

  it('commits what is still open when the database closes', async () => {
    const pending = insert('a');
    // Its work is done, its commit not yet made (that waits for the next turn of the loop).
    while (counts.commits === 0) await Promise.resolve();
    expect(committed()).toEqual([]);
    await db.destroy();
    await pending;
    expect(committed()).toEqual(['a']);
    db = new Kysely({ dialect: groupCommitDialect(new SQLite(file), counts) });
  });
});
