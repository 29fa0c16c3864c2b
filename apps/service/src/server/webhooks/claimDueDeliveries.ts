import type { Db } from '../platform/db/Database.ts';
import { leaseRows } from '../platform/db/leaseRows.ts';

/** A delivery this worker leased: what to send where, and the lease that makes it its own. */
export interface ClaimedDelivery {
  id: string;
  webhook_id: string;
  attempts: number;
  event_id: string;
  type: string;
  payload: string;
  event_created_at: string;
  url: string;
  secret: string;
  /** The delivery's `locked_until` while this worker holds it. */
  lease: string;
}

export interface ClaimOptions {
  now: Date;
  /** Until when the deliveries are this worker's. */
  lease: Date;
  /** Rows to look at, oldest due first. */
  limit: number;
  /** Endpoints to skip: those this process already sends as much as it may to. */
  skip: readonly string[];
  /** How many deliveries each endpoint may still get, given what this process sends to it. */
  room: (webhookId: string) => number;
}

/**
 * Finds up to `limit` deliveries that are due, not leased, of live endpoints not in `skip`,
 * takes at most `room(endpoint)` of each endpoint, and leases those in one statement: only the
 * rows whose lease this worker wrote are returned, so two workers (in one process or in
 * several on one PostgreSQL) never take the same delivery. `seen` counts the due rows looked
 * at; fewer than `limit` means no other was due.
 */
export async function claimDueDeliveries(
  db: Db,
  options: ClaimOptions,
): Promise<{ claimed: ClaimedDelivery[]; seen: number; leftOver: number }> {
  const iso = options.now.toISOString();
  let due = db
    .selectFrom('webhook_deliveries')
    .innerJoin('webhook_events', 'webhook_events.id', 'webhook_deliveries.event_id')
    .innerJoin('webhooks', 'webhooks.id', 'webhook_deliveries.webhook_id')
    .select([
      'webhook_deliveries.id',
      'webhook_deliveries.webhook_id',
      'webhook_deliveries.attempts',
      'webhook_events.id as event_id',
      'webhook_events.type',
      'webhook_events.payload',
      'webhook_events.created_at as event_created_at',
      'webhooks.url',
      'webhooks.secret',
    ])
    .where('webhook_deliveries.delivered_at', 'is', null)
    .where('webhook_deliveries.failed_at', 'is', null)
    .where('webhook_deliveries.next_attempt_at', '<=', iso)
    .where('webhooks.deleted_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb('webhook_deliveries.locked_until', 'is', null),
        eb('webhook_deliveries.locked_until', '<=', iso),
      ]),
    );
  if (options.skip.length > 0) {
    due = due.where('webhook_deliveries.webhook_id', 'not in', [...options.skip]);
  }
  const rows = await due
    .orderBy('webhook_deliveries.next_attempt_at')
    .limit(options.limit)
    .execute();

  const taken = new Map<string, number>();
  const wanted = rows.filter((row) => {
    const count = taken.get(row.webhook_id) ?? 0;
    if (count >= options.room(row.webhook_id)) return false;
    taken.set(row.webhook_id, count + 1);
    return true;
  });
  if (wanted.length === 0) return { claimed: [], seen: rows.length, leftOver: rows.length };
  const lease = options.lease.toISOString();
  const leased = await leaseRows(db, 'webhook_deliveries', {
    until: options.lease,
    now: options.now,
  })
    .where(
      'id',
      'in',
      wanted.map((row) => row.id),
    )
    .where('delivered_at', 'is', null)
    .where('failed_at', 'is', null)
    .returning('id')
    .execute();
  const mine = new Set(leased.map((row) => row.id));
  return {
    claimed: wanted.filter((row) => mine.has(row.id)).map((row) => ({ ...row, lease })),
    seen: rows.length,
    leftOver: rows.length - wanted.length,
  };
}

/** Gives back the leases of deliveries this worker took and will not send, for any worker to take at once. */
export async function releaseLeases(
  db: Db,
  deliveries: readonly Pick<ClaimedDelivery, 'id' | 'lease'>[],
): Promise<void> {
  for (const lease of new Set(deliveries.map((delivery) => delivery.lease))) {
    const ids = deliveries.filter((d) => d.lease === lease).map((d) => d.id);
    await db
      .updateTable('webhook_deliveries')
      .set({ locked_until: null })
      .where('id', 'in', ids)
      .where('locked_until', '=', lease)
      .execute();
  }
}

/**
 * Frees every lease: only the only process of an embedded database may, at its start, when no
 * delivery can be at work (a lease then is one a process that died left behind).
 */
export async function releaseAllLeases(db: Db): Promise<void> {
  await db
    .updateTable('webhook_deliveries')
    .set({ locked_until: null })
    .where('delivered_at', 'is', null)
    .where('locked_until', 'is not', null)
    .execute();
}
