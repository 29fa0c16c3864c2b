import type { UpdateQueryBuilder, UpdateResult } from 'kysely';
import type { Db, Tables } from './Database.ts';

/** The tables whose rows are leased: each has a `locked_until`. */
export type LeasedTable = 'payments' | 'webhook_deliveries' | 'idempotency_keys';

export interface LeaseOptions {
  /** Until when the rows taken are the taker's; after, another may take them over. */
  until: Date;
  /** A lease is free once it ended by then, or when none was ever taken. */
  now: Date;
  /**
   * Take over from one holder whatever its lease says: the `locked_until` the taker read
   * (`null`: none). Only the only process of an embedded database may, at its start, when any
   * lease is one a process that died left behind. Without it, only a free lease is taken.
   */
  from?: string | null;
}

/**
 * The one way work is leased, for payments being settled, webhook deliveries being sent and
 * `Idempotency-Key`s being answered: an UPDATE that sets `locked_until` to `until` on the rows
 * whose lease is free (or, with `from`, still the one read), so two takers, in one process or
 * in several on one database, never both get a row. The caller narrows it to its rows and runs
 * it; the rows it changed are the ones taken.
 */
export function leaseRows<T extends LeasedTable>(
  db: Db,
  table: T,
  options: LeaseOptions,
): UpdateQueryBuilder<Tables, T, T, UpdateResult> {
  // One table at a time; Kysely cannot follow `locked_until` through a union of tables.
  const update = db
    .updateTable(table as 'webhook_deliveries')
    .set({ locked_until: options.until.toISOString() });
  const taken =
    options.from === undefined
      ? update.where((eb) =>
          eb.or([
            eb('locked_until', 'is', null),
            eb('locked_until', '<=', options.now.toISOString()),
          ]),
        )
      : options.from === null
        ? update.where('locked_until', 'is', null)
        : update.where('locked_until', '=', options.from);
  return taken as unknown as UpdateQueryBuilder<Tables, T, T, UpdateResult>;
}
