import { announceBalanceUpdates } from '../balanceEvents/announceBalanceUpdates.ts';
import { createPublicDispatcher } from '../platform/http/createPublicDispatcher.ts';
import type { Services } from '../Services.ts';
import { createDeliveryPool, type DeliveryPoolOptions } from './createDeliveryPool.ts';
import {
  dispatchWebhookEvents,
  WEBHOOK_DISPATCH_BATCH,
  WEBHOOK_TIMEOUT_MS,
} from './deliverWebhooks.ts';

/** How often the worker looks for events to deliver. */
export const WEBHOOK_POLL_MS = 1000;
/**
 * Batches of events a tick plans at most: a busy service writes three events per checkout,
 * hundreds a second, and one batch a second would fall further behind every second.
 */
const DISPATCH_BATCHES_PER_TICK = 50;

export interface WebhookWorker {
  /**
   * Plans the deliveries of new events and starts those that are due; resolves once nothing is
   * being sent any more (what was due then, and what was due after it for want of room).
   * Planning runs one at a time per process.
   */
  runOnce(options?: { includeLeased?: boolean }): Promise<void>;
  /** Deliveries being sent now, per endpoint. */
  sending(): ReadonlyMap<string, number>;
  stop(): Promise<void>;
}

/**
 * The outbox's worker, one of the periodic jobs (`startJobs`): every second (`pollMs`) it writes
 * the coalesced balance events (`announceBalanceUpdates`), plans
 * the deliveries of new events (all of them, up to 5,000) and sends those that are due, several
 * at once (see `createDeliveryPool`). Events
 * survive restarts in the database, so nothing is lost when a process dies. Endpoints are
 * reached only at public addresses (and loopback in development), checked as each connection
 * is made.
 */
export function startWebhookWorker(
  services: Pick<Services, 'db' | 'now' | 'production' | 'resolveHost'>,
  options: { pollMs?: number } & Pick<DeliveryPoolOptions, 'perEndpoint' | 'total'> = {},
): WebhookWorker {
  const { pollMs = WEBHOOK_POLL_MS, ...limits } = options;
  const dispatcher = createPublicDispatcher(
    { allowLoopback: !services.production, resolve: services.resolveHost },
    { connectTimeoutMs: WEBHOOK_TIMEOUT_MS },
  );
  const pool = createDeliveryPool(services, { dispatcher, ...limits });
  let chain = Promise.resolve();
  const tick = async (includeLeased: boolean) => {
    try {
      // Balance changes since the last tick become events first, at most one per customer a
      // second, so they leave in this tick's deliveries.
      await announceBalanceUpdates(services);
      for (let batch = 0; batch < DISPATCH_BATCHES_PER_TICK; batch++) {
        if ((await dispatchWebhookEvents(services)) < WEBHOOK_DISPATCH_BATCH) break;
      }
      await pool.fill({ includeLeased });
    } catch (error) {
      console.error('Lava Checkout: webhook delivery failed; it runs again in a second.', error);
    }
  };
  const runOnce = (runOptions: { includeLeased?: boolean } = {}) => {
    chain = chain.then(() => tick(runOptions.includeLeased ?? false));
    return chain.then(() => pool.idle());
  };
  const timer = pollMs > 0 ? setInterval(() => void runOnce(), pollMs) : null;
  timer?.unref();
  return {
    runOnce,
    sending: () => pool.sending(),
    stop: async () => {
      if (timer) clearInterval(timer);
      await chain;
      await pool.close();
      await dispatcher.close();
    },
  };
}
