import type { Dispatcher } from 'undici';
import type { Services } from '../Services.ts';
import {
  type ClaimedDelivery,
  claimDueDeliveries,
  releaseAllLeases,
  releaseLeases,
} from './claimDueDeliveries.ts';
import {
  recordAttempt,
  sendDelivery,
  WEBHOOK_LEASE_MS,
  WEBHOOK_TIMEOUT_MS,
} from './deliverWebhooks.ts';

/** Deliveries one process sends to one endpoint at once. */
export const WEBHOOK_CONCURRENCY_PER_ENDPOINT = 8;
/** Deliveries one process sends at once, to all endpoints together. */
export const WEBHOOK_CONCURRENCY = 128;

export interface DeliveryPoolOptions {
  /** What sends the requests: `createPublicDispatcher`, which refuses hosts that are not public. */
  dispatcher: Dispatcher;
  /** @default WEBHOOK_CONCURRENCY_PER_ENDPOINT */
  perEndpoint?: number;
  /** @default WEBHOOK_CONCURRENCY */
  total?: number;
}

export interface DeliveryPool {
  /**
   * Leases the due deliveries there is room for and starts sending them; resolves once they
   * are started, not sent. `includeLeased` first frees every lease: only the only process of
   * an embedded database may ask, at its start, when any lease is one a dead process left.
   */
  fill(options?: { includeLeased?: boolean }): Promise<void>;
  /** Resolves once nothing is being sent, recorded or leased. */
  idle(): Promise<void>;
  /** Deliveries the endpoints took so far. */
  readonly delivered: number;
  /** Deliveries being sent now, per endpoint. */
  sending(): ReadonlyMap<string, number>;
  /** Starts nothing more and frees the leases of what it had not started; resolves once what is being sent has ended. */
  close(): Promise<void>;
}

/**
 * Sends due deliveries concurrently: at most `perEndpoint` at once to each endpoint and `total`
 * at once in all, so an endpoint that is slow or never answers holds only its own slots, each
 * for at most the 10 s timeout, and every other endpoint's deliveries go out beside it.
 *
 * The pool leases up to as many again as it may send, and keeps them waiting per endpoint: a
 * slot that frees goes to the next one at once, without waiting for the database, and a new
 * lease is taken behind it. One waits at most for a slot's timeout, so every lease (a minute)
 * outlasts its wait and its attempt; one that would not is dropped, and taken again later.
 */
export function createDeliveryPool(
  deps: Pick<Services, 'db' | 'now'>,
  options: DeliveryPoolOptions,
): DeliveryPool {
  const perEndpoint = options.perEndpoint ?? WEBHOOK_CONCURRENCY_PER_ENDPOINT;
  const total = options.total ?? WEBHOOK_CONCURRENCY;
  /** Sent and waiting to be sent, together, at most. */
  const leasedPerEndpoint = 2 * perEndpoint;
  const leasedInAll = 2 * total;
  // Rows a claim looks at: one endpoint's share, so a claim made for a slot or two reads little.
  const batch = leasedPerEndpoint;

  const sending = new Map<string, number>();
  const waiting = new Map<string, ClaimedDelivery[]>();
  let inFlight = 0;
  let queued = 0;
  /** Attempts whose answer is being written. */
  let recording = 0;
  let delivered = 0;
  /** Due deliveries may be waiting for room. */
  let backlog = false;
  let closed = false;
  let filling: Promise<void> | null = null;
  let fillAgain = false;
  const waiters: (() => void)[] = [];

  const held = (webhookId: string) =>
    (sending.get(webhookId) ?? 0) + (waiting.get(webhookId)?.length ?? 0);

  const settle = () => {
    if (inFlight > 0 || queued > 0 || recording > 0 || filling) return;
    for (const wake of waiters.splice(0)) wake();
  };

  /** Starts what waits for `webhookId` while it and the pool have free slots. */
  const startWaiting = (webhookId: string) => {
    const line = waiting.get(webhookId);
    while (line && line.length > 0 && inFlight < total && !closed) {
      if ((sending.get(webhookId) ?? 0) >= perEndpoint) return;
      const delivery = line.shift() as ClaimedDelivery;
      queued -= 1;
      if (line.length === 0) waiting.delete(webhookId);
      // Too close to the end of its lease to be sure of finishing within it: another worker may
      // take it over then. Left alone, it is leased again once the lease runs out.
      if (Date.parse(delivery.lease) - deps.now().getTime() < 2 * WEBHOOK_TIMEOUT_MS) continue;
      send(delivery);
    }
  };

  // A slot frees as soon as the endpoint has answered; the record follows, and the lease keeps
  // the delivery from being sent again until it is written.
  const send = (delivery: ClaimedDelivery) => {
    const webhookId = delivery.webhook_id;
    inFlight += 1;
    sending.set(webhookId, (sending.get(webhookId) ?? 0) + 1);
    void sendDelivery(delivery, options.dispatcher, deps.now()).then(async (error) => {
      const left = (sending.get(webhookId) ?? 1) - 1;
      if (left > 0) sending.set(webhookId, left);
      else sending.delete(webhookId);
      const poolWasFull = inFlight === total;
      inFlight -= 1;
      recording += 1;
      startWaiting(webhookId);
      if (poolWasFull) for (const other of [...waiting.keys()]) startWaiting(other);
      if (backlog && !closed) void fill();
      try {
        await recordAttempt(deps, delivery, error);
        if (error === null) delivered += 1;
      } catch (cause) {
        console.error(
          'Lava Checkout: a webhook attempt could not be recorded; it is tried again once its lease runs out.',
          cause,
        );
      } finally {
        recording -= 1;
        settle();
      }
    });
  };

  const claimWhileRoom = async () => {
    while (!closed) {
      const room = leasedInAll - inFlight - queued;
      if (room <= 0) {
        backlog = true;
        return;
      }
      const skip = [...new Set([...sending.keys(), ...waiting.keys()])].filter(
        (id) => held(id) >= leasedPerEndpoint,
      );
      const now = deps.now();
      const limit = Math.min(room, batch);
      const { claimed, seen, leftOver } = await claimDueDeliveries(deps.db, {
        now,
        lease: new Date(now.getTime() + WEBHOOK_LEASE_MS),
        limit,
        skip,
        room: (webhookId) => leasedPerEndpoint - held(webhookId),
      });
      for (const delivery of claimed) {
        const line = waiting.get(delivery.webhook_id) ?? [];
        line.push(delivery);
        waiting.set(delivery.webhook_id, line);
        queued += 1;
      }
      for (const webhookId of new Set(claimed.map((d) => d.webhook_id))) startWaiting(webhookId);
      // Fewer rows than asked: every due delivery was seen, and those left over wait for
      // their endpoint's room, as may those of endpoints skipped.
      if (seen < limit) {
        backlog = leftOver > 0 || skip.length > 0;
        return;
      }
    }
  };

  const fill = (fillOptions: { includeLeased?: boolean } = {}): Promise<void> => {
    if (closed) return Promise.resolve();
    if (filling) {
      fillAgain = true;
      return filling;
    }
    filling = (async () => {
      if (fillOptions.includeLeased) await releaseAllLeases(deps.db);
      do {
        fillAgain = false;
        await claimWhileRoom();
      } while (fillAgain && !closed);
    })()
      .catch((error: unknown) =>
        console.error(
          'Lava Checkout: webhook deliveries could not be leased; the worker tries again at its next poll.',
          error,
        ),
      )
      .finally(() => {
        filling = null;
        settle();
      });
    return filling;
  };

  const idle = () =>
    inFlight === 0 && queued === 0 && recording === 0 && !filling
      ? Promise.resolve()
      : new Promise<void>((resolve) => waiters.push(resolve));

  return {
    fill,
    idle,
    get delivered() {
      return delivered;
    },
    sending: () => new Map(sending),
    close: async () => {
      closed = true;
      await filling;
      const unsent = [...waiting.values()].flat();
      waiting.clear();
      queued = 0;
      await releaseLeases(deps.db, unsent);
      await idle();
    },
  };
}
