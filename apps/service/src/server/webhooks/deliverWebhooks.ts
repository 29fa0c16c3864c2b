import { createUlid } from '@lava-checkout/protocol';
import { type Dispatcher, request } from 'undici';
import type { Services } from '../Services.ts';
import type { ClaimedDelivery } from './claimDueDeliveries.ts';
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
/** How long an endpoint has to answer, connecting included. */
export const WEBHOOK_TIMEOUT_MS = 10 * SECOND;

/** Events planned per query. */
export const WEBHOOK_DISPATCH_BATCH = 100;

/** When to try again after `attempts` failures: 30 s, 1 min, 2 min, ... at most 6 hours apart. */
export const nextAttemptDelay = (attempts: number): number =>
  Math.min(WEBHOOK_FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1), WEBHOOK_MAX_RETRY_MS);

type Deps = Pick<Services, 'db' | 'now'>;

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
 * Sends one leased delivery: signs the event's stored body and POSTs it through `dispatcher`
 * (which refuses hosts that are not public). Resolves to `null` when the endpoint answered 2xx,
 * else to what went wrong: another status (a redirect too: none is followed), no answer within
 * 10 s, or the refusal.
 */
export async function sendDelivery(
  delivery: ClaimedDelivery,
  dispatcher: Dispatcher,
  at: Date,
): Promise<string | null> {
  try {
    const response = await request(delivery.url, {
      method: 'POST',
      dispatcher,
      headers: {
        'content-type': 'application/json',
        'user-agent': 'LavaCheckout-Webhooks/1',
        'x-lava-event-id': delivery.event_id,
        'x-lava-event-type': delivery.type,
        ...signWebhook(delivery.secret, delivery.payload, at),
      },
      body: delivery.payload,
      signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
    });
    await response.body.dump();
    const ok = response.statusCode >= 200 && response.statusCode <= 299;
    return ok ? null : `HTTP ${response.statusCode}`;
  } catch (cause) {
    return cause instanceof Error ? cause.message : String(cause);
  }
}

/**
 * Records an attempt (`error` is `null` when the endpoint took it) and ends the lease. A failed
 * attempt is tried again with exponential backoff, until three days after the event, then given
 * up. The record is written only while the lease is still this worker's: a worker that lost
 * it (it ran past the lease, and another took the delivery over) leaves the row to its new
 * owner.
 */
export async function recordAttempt(
  deps: Pick<Services, 'db' | 'now'>,
  delivery: ClaimedDelivery,
  error: string | null,
): Promise<void> {
  const attempts = delivery.attempts + 1;
  const at = deps.now();
  const mine = deps.db
    .updateTable('webhook_deliveries')
    .where('id', '=', delivery.id)
    .where('locked_until', '=', delivery.lease);
  if (error === null) {
    await mine
      .set({ delivered_at: at.toISOString(), attempts, locked_until: null, last_error: null })
      .execute();
    return;
  }
  const next = at.getTime() + nextAttemptDelay(attempts);
  const giveUp = next > Date.parse(delivery.event_created_at) + WEBHOOK_RETRY_WINDOW_MS;
  await mine
    .set({
      attempts,
      locked_until: null,
      last_error: error.slice(0, 500),
      ...(giveUp
        ? { failed_at: at.toISOString() }
        : { next_attempt_at: new Date(next).toISOString() }),
    })
    .execute();
}
