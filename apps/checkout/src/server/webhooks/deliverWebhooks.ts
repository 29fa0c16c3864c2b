import { createUlid } from '@lava-checkout/protocol';
import type { CheckoutServices } from '../CheckoutServices.ts';
import { signWebhook } from './signWebhook.ts';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** Retries go on this long after the event, then the delivery is given up. */
export const WEBHOOK_RETRY_WINDOW_MS = 3 * 24 * HOUR;
/** The wait after the first failed attempt; it doubles with each failure, up to the cap. */
export const WEBHOOK_FIRST_RETRY_MS = 30 * SECOND;
export const WEBHOOK_MAX_RETRY_MS = 6 * HOUR;
/** How long one worker owns a delivery it is attempting; then another may take it over. */
export const WEBHOOK_LEASE_MS = MINUTE;
/** How long an endpoint has to answer. */
export const WEBHOOK_TIMEOUT_MS = 10 * SECOND;

/** Events planned per query. */
export const WEBHOOK_DISPATCH_BATCH = 100;

/** When to try again after `attempts` failures: 30 s, 1 min, 2 min, ... at most 6 hours apart. */
export const nextAttemptDelay = (attempts: number): number =>
  Math.min(WEBHOOK_FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1), WEBHOOK_MAX_RETRY_MS);

type Deps = Pick<CheckoutServices, 'db' | 'now'>;

/**
 * Plans the deliveries of events not yet planned: one per endpoint the merchant had when the
 * event happened. Several processes may plan at once: a delivery is unique per event and
 * endpoint.
 */
export async function dispatchWebhookEvents(deps: Deps): Promise<number> {
  const events = await deps.db
    .selectFrom('webhook_events')
    .select(['id', 'merchant_id', 'created_at'])
    .where('dispatched_at', 'is', null)
    .orderBy('created_at')
    .limit(WEBHOOK_DISPATCH_BATCH)
    .execute();
  if (events.length === 0) return 0;
  const now = deps.now().toISOString();
  const merchants = [...new Set(events.map((event) => event.merchant_id))];
  const endpoints = await deps.db
    .selectFrom('webhooks')
    .select(['id', 'merchant_id', 'created_at'])
    .where('merchant_id', 'in', merchants)
    .where('deleted_at', 'is', null)
    .execute();
  const deliveries = events.flatMap((event) =>
    endpoints
      .filter(
        (hook) => hook.merchant_id === event.merchant_id && hook.created_at <= event.created_at,
      )
      .map((hook) => ({
        id: `whd_${createUlid()}`,
        event_id: event.id,
        webhook_id: hook.id,
        attempts: 0,
        next_attempt_at: now,
        locked_until: null,
        delivered_at: null,
        failed_at: null,
        last_error: null,
        created_at: now,
      })),
  );
  await deps.db.transaction().execute(async (trx) => {
    if (deliveries.length > 0) {
      await trx
        .insertInto('webhook_deliveries')
        .values(deliveries)
        .onConflict((oc) => oc.columns(['event_id', 'webhook_id']).doNothing())
        .execute();
    }
    await trx
      .updateTable('webhook_events')
      .set({ dispatched_at: now })
      .where(
        'id',
        'in',
        events.map((event) => event.id),
      )
      .where('dispatched_at', 'is', null)
      .execute();
  });
  return events.length;
}

/**
 * Attempts the deliveries that are due: signs the event's stored body, POSTs it, and records
 * the answer. A 2xx delivers it; anything else (or no answer within 10 s) schedules another
 * attempt with exponential backoff, until three days after the event. A worker leases each
 * delivery before attempting it, so two processes never send the same one at once; a lease
 * left by a process that died runs out after a minute (`includeLeased` takes it at once, which
 * only the only process of an embedded database may do, at its start).
 */
export async function deliverDueWebhooks(
  deps: Deps,
  options: { includeLeased?: boolean; fetch?: typeof fetch } = {},
): Promise<number> {
  const now = deps.now();
  const iso = now.toISOString();
  let due = deps.db
    .selectFrom('webhook_deliveries')
    .innerJoin('webhook_events', 'webhook_events.id', 'webhook_deliveries.event_id')
    .innerJoin('webhooks', 'webhooks.id', 'webhook_deliveries.webhook_id')
    .select([
      'webhook_deliveries.id',
      'webhook_deliveries.attempts',
      'webhook_deliveries.locked_until',
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
    .where('webhooks.deleted_at', 'is', null);
  if (!options.includeLeased) {
    due = due.where((eb) =>
      eb.or([
        eb('webhook_deliveries.locked_until', 'is', null),
        eb('webhook_deliveries.locked_until', '<=', iso),
      ]),
    );
  }
  const rows = await due.orderBy('webhook_deliveries.next_attempt_at').limit(20).execute();
  const send = options.fetch ?? fetch;
  let delivered = 0;
  for (const row of rows) {
    let lease = deps.db
      .updateTable('webhook_deliveries')
      .set({ locked_until: new Date(now.getTime() + WEBHOOK_LEASE_MS).toISOString() })
      .where('id', '=', row.id)
      .where('delivered_at', 'is', null);
    lease =
      row.locked_until === null
        ? lease.where('locked_until', 'is', null)
        : lease.where('locked_until', '=', row.locked_until);
    if ((await lease.executeTakeFirst()).numUpdatedRows !== 1n) continue;

    let error: string | null = null;
    try {
      const response = await send(row.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'LavaCheckout-Webhooks/1',
          'x-lava-event-id': row.event_id,
          'x-lava-event-type': row.type,
          ...signWebhook(row.secret, row.payload, deps.now()),
        },
        body: row.payload,
        redirect: 'manual',
        signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
      });
      await response.body?.cancel();
      if (!response.ok) error = `HTTP ${response.status}`;
    } catch (cause) {
      error = cause instanceof Error ? cause.message : String(cause);
    }
    const attempts = row.attempts + 1;
    const at = deps.now();
    if (error === null) {
      delivered += 1;
      await deps.db
        .updateTable('webhook_deliveries')
        .set({ delivered_at: at.toISOString(), attempts, locked_until: null, last_error: null })
        .where('id', '=', row.id)
        .execute();
      continue;
    }
    const next = at.getTime() + nextAttemptDelay(attempts);
    const giveUp = next > Date.parse(row.event_created_at) + WEBHOOK_RETRY_WINDOW_MS;
    await deps.db
      .updateTable('webhook_deliveries')
      .set({
        attempts,
        locked_until: null,
        last_error: error.slice(0, 500),
        ...(giveUp
          ? { failed_at: at.toISOString() }
          : { next_attempt_at: new Date(next).toISOString() }),
      })
      .where('id', '=', row.id)
      .execute();
  }
  return delivered;
}
