import type { Db } from './Database.ts';

const twins = new WeakMap<Db, Db>();

/** Records `twin` as the process-durable way to write to `db` (`openDatabase` does). */
export function registerProcessDurable(db: Db, twin: Db): void {
  twins.set(db, twin);
}

/**
 * The same database, for writes whose commit need only outlive the process, not the machine:
 * on the embedded database they commit to its write-ahead log without waiting for the disk
 * (`synchronous=NORMAL`), which survives the process being killed, not a power cut. Elsewhere,
 * and for a database opened without one, `db` itself. Use it only for work whose loss in a
 * power cut is bounded and said so where it is used.
 */
export function processDurable(db: Db): Db {
  return twins.get(db) ?? db;
}
