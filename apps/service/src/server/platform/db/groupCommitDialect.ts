// From node:timers, not the global: a test that fakes timers must not hold commits back.
import { setImmediate } from 'node:timers';
import SQLite from 'better-sqlite3';
import {
  type CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type QueryResult,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
} from 'kysely';
import { type BackgroundCheckpoints, checkpointInBackground } from './checkpointInBackground.ts';
import type { DatabaseCounts } from './DatabaseCounts.ts';
import { reuseStatements } from './reuseStatements.ts';

/**
 * Kysely on the embedded database with group commit: transactions (and writes outside one) that
 * run in the same turn of the event loop share one real transaction, each inside a savepoint,
 * and one fsync'd `COMMIT` ends them all. Every caller still hears of its own work only once
 * that commit is on disk, and only then: a reply never runs ahead of its commit. Each
 * transaction keeps its own atomicity (its savepoint is rolled back alone when it fails) and
 * they run one at a time on the one connection, as before. What changes is how many times
 * the disk is flushed: once per turn instead of once per transaction, which is what bounds a
 * busy service, since SQLite runs each `COMMIT`'s fsync on the event loop.
 *
 * A read outside a transaction answers at once from what is committed: with no group open it
 * runs on the connection; while one is open, on a second connection to the same file, which
 * does not see the group's writes (so it need not wait for their commit, and work that comes
 * after it in the same turn can still join the group). Reads inside a transaction, or after
 * the caller's own writes on a connection it holds (`db.connection()`), see the group's writes
 * and wait for its commit, as before.
 */
export function groupCommitDialect(
  sqlite: SQLite.Database,
  counts: DatabaseCounts,
): Dialect & { processDurable: Dialect } {
  let driver: GroupCommitDriver | null = null;
  const shared = () => {
    driver ??= new GroupCommitDriver(sqlite, counts);
    return driver;
  };
  const dialect = (make: () => Driver): Dialect => ({
    createAdapter: () => new SqliteAdapter(),
    createDriver: make,
    createIntrospector: (db) => new SqliteIntrospector(db),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  });
  return {
    ...dialect(shared),
    processDurable: dialect(() => new ProcessDurableDriver(shared())),
  };
}

/**
 * The same connection and groups, for work whose commit need only outlive the process: a
 * group holding nothing else commits at `synchronous=NORMAL`, written to the WAL but not
 * flushed, which keeps it across a crash or a kill of the process, not across a power cut or
 * a crash of the machine (the last commits before one may be lost; the file stays consistent).
 * It reaches the disk with the next flushed commit or checkpoint. Work of the fully durable
 * kind that comes while such a group is open ends that group first and opens its own, since
 * SQLite cannot change how a transaction is flushed once it has begun; work of this kind that
 * comes while a fully durable group is open joins it.
 */
class ProcessDurableDriver implements Driver {
  readonly #shared: GroupCommitDriver;
  constructor(shared: GroupCommitDriver) {
    this.#shared = shared;
  }
  async init(): Promise<void> {}
  acquireConnection(): Promise<DatabaseConnection> {
    return this.#shared.acquireConnection(false);
  }
  beginTransaction(): Promise<void> {
    return this.#shared.beginTransaction();
  }
  commitTransaction(): Promise<void> {
    return this.#shared.commitTransaction();
  }
  rollbackTransaction(): Promise<void> {
    return this.#shared.rollbackTransaction();
  }
  releaseConnection(): Promise<void> {
    return this.#shared.releaseConnection();
  }
  /** The fully durable dialect's database closes the connection. */
  async destroy(): Promise<void> {}
}

/** One connection, lent to one caller at a time, first come first served. */
class Turnstile {
  #busy = false;
  #waiting: (() => void)[] = [];

  enter(): Promise<void> | undefined {
    if (!this.#busy) {
      this.#busy = true;
      return undefined;
    }
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  leave(): void {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#busy = false;
  }
}

/** The real transaction that several callers' work shares, and its commit. */
interface Group {
  /** Flushed at commit (`synchronous=FULL`), or written for the process only (`NORMAL`). */
  flushed: boolean;
  committed: Promise<void>;
  resolve(): void;
  reject(error: unknown): void;
}

/** How long work waits for another process to let go of the database before it fails. */
const BUSY_TIMEOUT_MS = 5000;
const BUSY_RETRY_MS = 1;

/**
 * Runs `work`, and while another process holds the lock it needs (SQLITE_BUSY), tries again
 * a millisecond later: the wait happens off the event loop, where SQLite's own busy timeout
 * would sleep in it.
 */
async function whenFree<T>(work: () => T): Promise<T> {
  const deadline = Date.now() + BUSY_TIMEOUT_MS;
  for (;;) {
    try {
      return work();
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'SQLITE_BUSY' || Date.now() >= deadline) {
        throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, BUSY_RETRY_MS));
    }
  }
}

async function openGroup(sqlite: SQLite.Database, flushed: boolean): Promise<Group> {
  // IMMEDIATE: the write lock is taken now, so no other process can make this group fail later.
  await whenFree(() => sqlite.exec('begin immediate'));
  let resolve = () => {};
  let reject: (error: unknown) => void = () => {};
  const committed = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // Every caller in the group awaits it; this keeps a group nobody awaits from crashing Node.
  committed.catch(() => {});
  return { flushed, committed, resolve, reject };
}

const SAVEPOINT = 'lava_checkout_work';
/** Commits before a database gets its checkpoint thread: a short-lived one never needs it. */
const CHECKPOINT_THREAD_AFTER = 64;
/** Commits between checkpoints: about as many pages as SQLite's own 1,000 for small commits. */
const CHECKPOINT_EVERY_COMMITS = 32;
/** SQLite's automatic checkpoint, back on if the thread fails. */
const AUTO_CHECKPOINT_PAGES = 1000;

class GroupCommitDriver implements Driver {
  readonly #sqlite: SQLite.Database;
  readonly #counts: DatabaseCounts;
  readonly #prepare: (sql: string) => SQLite.Statement;
  readonly #turnstile = new Turnstile();
  readonly #connection: DatabaseConnection;
  /** The open real transaction, if any. */
  #group: Group | null = null;
  #commitScheduled = false;
  /** The group the current caller's work is in: it answers once that group commits. */
  #joined: Group | null = null;
  /** The group the current caller's transaction began in, while it runs. */
  #transaction: Group | null = null;
  /** Whether the current caller's work must be flushed when it commits. */
  #flush = true;
  /** The connection's own `synchronous` level (FULL, 2, as `openDatabase` sets it), for flushed groups. */
  readonly #durableLevel: number;
  /** The `synchronous` level the connection is at now. */
  #level: number;
  /** Commits made; the checkpoint thread starts after the first `CHECKPOINT_THREAD_AFTER`. */
  #commits = 0;
  #checkpoints: BackgroundCheckpoints | null = null;
  /** The second connection, for reads while a group is open; opened at the first such read. */
  #readOnly: { sqlite: SQLite.Database; prepare: (sql: string) => SQLite.Statement } | null = null;

  constructor(sqlite: SQLite.Database, counts: DatabaseCounts) {
    this.#sqlite = sqlite;
    this.#counts = counts;
    this.#prepare = reuseStatements(sqlite);
    // Waits for other processes happen in the driver (whenFree), never asleep in SQLite.
    sqlite.pragma('busy_timeout = 0');
    this.#durableLevel = Number(sqlite.pragma('synchronous', { simple: true }));
    this.#level = this.#durableLevel;
    this.#connection = {
      executeQuery: <R>(query: CompiledQuery) => this.#run<R>(query),
      streamQuery: () => {
        throw new Error('Lava Checkout: the embedded database does not stream queries.');
      },
    };
  }

  async init(): Promise<void> {}

  /** `flush`: false for work that need only outlive the process (`ProcessDurableDriver`). */
  async acquireConnection(flush = true): Promise<DatabaseConnection> {
    await this.#turnstile.enter();
    this.#flush = flush;
    return this.#connection;
  }

  async beginTransaction(): Promise<void> {
    this.#transaction = await this.#join();
    this.#sqlite.exec(`savepoint ${SAVEPOINT}`);
  }

  async commitTransaction(): Promise<void> {
    this.#assertGroupAlive();
    this.#sqlite.exec(`release ${SAVEPOINT}`);
    this.#transaction = null;
    this.#counts.commits += 1;
  }

  async rollbackTransaction(): Promise<void> {
    const alive = this.#transaction !== null && this.#transaction === this.#group;
    this.#transaction = null;
    // When SQLite rolled the whole group back (a full disk, an I/O error), nothing is left.
    if (alive && this.#sqlite.inTransaction) {
      this.#sqlite.exec(`rollback to ${SAVEPOINT}`);
      this.#sqlite.exec(`release ${SAVEPOINT}`);
    }
  }

  async releaseConnection(): Promise<void> {
    const joined = this.#joined;
    this.#joined = null;
    if (this.#group && !this.#commitScheduled) {
      this.#commitScheduled = true;
      // After the I/O callbacks of this turn, so that the work they bring shares the commit.
      setImmediate(() => void this.#commitGroup());
    }
    this.#turnstile.leave();
    if (joined) await joined.committed;
  }

  async destroy(): Promise<void> {
    await this.#commitGroup();
    await this.#checkpoints?.stop();
    this.#readOnly?.sqlite.close();
    this.#sqlite.close();
  }

  /**
   * `statement` prepared on the second connection, when it is a query (not a pragma, which
   * would set that connection instead) and the database is a file another connection can open.
   */
  #reader(sql: string, statement: SQLite.Statement): SQLite.Statement | null {
    if (!statement.reader || this.#sqlite.memory || !/^\s*(select|with)\b/i.test(sql)) return null;
    if (!this.#readOnly) {
      const sqlite = new SQLite(this.#sqlite.name, { fileMustExist: true });
      sqlite.pragma('busy_timeout = 0');
      sqlite.pragma('query_only = ON');
      this.#readOnly = { sqlite, prepare: reuseStatements(sqlite) };
    }
    return this.#readOnly.prepare(sql);
  }

  async #run<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const statement = this.#prepare(query.sql);
    this.#counts.statements += 1;
    const parameters = query.parameters as unknown[];
    if (this.#transaction) this.#assertGroupAlive();
    else if (!statement.readonly) {
      await this.#join();
      this.#counts.commits += 1;
    } else if (this.#group) {
      // A caller that wrote on this connection before (in `db.connection()`) reads its writes.
      const reader = this.#joined ? null : this.#reader(query.sql, statement);
      if (reader) return whenFree(() => ({ rows: reader.all(parameters) as R[] }));
      this.#joined = this.#group;
    }
    const execute = (): QueryResult<R> => {
      if (statement.reader) return { rows: statement.all(parameters) as R[] };
      const { changes, lastInsertRowid } = statement.run(parameters);
      return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
    };
    if (!this.#group) return whenFree(execute);
    try {
      return execute();
    } catch (error) {
      if (this.#group && !this.#sqlite.inTransaction) {
        // SQLite gave up the whole transaction: every caller in the group hears of it.
        this.#group.reject(error);
        this.#group = null;
      }
      throw error;
    }
  }

  /** Puts the current caller's work in the open group, opening one if none is. */
  async #join(): Promise<Group> {
    // A group cannot be made durable once begun: it commits now (no transaction is open in it,
    // since the caller holds the connection), and a flushed one begins.
    if (this.#group && this.#flush && !this.#group.flushed) this.#commit(this.#group);
    if (!this.#group) {
      // NORMAL is 1; a connection set lower than that stays as it is.
      const level = this.#flush ? this.#durableLevel : Math.min(1, this.#durableLevel);
      if (this.#level !== level) {
        this.#sqlite.pragma(`synchronous = ${level}`);
        this.#level = level;
      }
      this.#group = await openGroup(this.#sqlite, this.#flush);
    }
    this.#joined = this.#group;
    return this.#group;
  }

  #assertGroupAlive(): void {
    if (this.#transaction !== this.#group) {
      throw new Error(
        'Lava Checkout: the database rolled this transaction back after an error. Run it again.',
      );
    }
  }

  async #commitGroup(): Promise<void> {
    await this.#turnstile.enter();
    this.#commitScheduled = false;
    try {
      if (this.#group) this.#commit(this.#group);
    } finally {
      this.#turnstile.leave();
    }
  }

  /**
   * Moves the write-ahead log's checkpoint off the event loop once the database is busy enough
   * to need one: SQLite's automatic checkpoint copied the log back into the file and flushed it
   * inside the commit that crossed 1,000 pages (every sixtieth billed gateway call, 7 ms). A
   * file in WAL mode only; a thread that fails hands the checkpoint back to SQLite.
   */
  #afterCommit(): void {
    this.#commits += 1;
    if (this.#checkpoints) {
      if (this.#commits % CHECKPOINT_EVERY_COMMITS === 0) this.#checkpoints.request();
      return;
    }
    if (this.#commits !== CHECKPOINT_THREAD_AFTER || this.#sqlite.memory) return;
    if (this.#sqlite.pragma('journal_mode', { simple: true }) !== 'wal') return;
    const sqlite = this.#sqlite;
    this.#checkpoints = checkpointInBackground(sqlite.name, () => {
      if (sqlite.open) sqlite.pragma(`wal_autocheckpoint = ${AUTO_CHECKPOINT_PAGES}`);
    });
    sqlite.pragma('wal_autocheckpoint = 0');
    this.#checkpoints.request();
  }

  /** Commits the open group, and tells its callers; the caller holds the connection. */
  #commit(group: Group): void {
    this.#group = null;
    try {
      this.#sqlite.exec('commit');
      if (group.flushed) this.#counts.syncs += 1;
      group.resolve();
      this.#afterCommit();
    } catch (error) {
      if (this.#sqlite.inTransaction) this.#sqlite.exec('rollback');
      group.reject(error);
    }
  }
}
