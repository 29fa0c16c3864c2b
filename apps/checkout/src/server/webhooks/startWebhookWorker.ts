import type { CheckoutServices } from '../CheckoutServices.ts';
import { IDEMPOTENCY_KEY_LIFETIME_MS } from '../http/idempotency.ts';
import {
  deliverDueWebhooks,
  dispatchWebhookEvents,
  WEBHOOK_DISPATCH_BATCH,
} from './deliverWebhooks.ts';

/** How often the worker looks for events to deliver. */
export const WEBHOOK_POLL_MS = 1000;
/**
 * Batches of events a tick plans at most: a busy service writes three events per checkout,
 * hundreds a second, and one batch a second would fall further behind every second.
 */
const DISPATCH_BATCHES_PER_TICK = 50;

export interface WebhookWorker {
  /** Plans and attempts what is due now; resolves when done. Runs one at a time per process. */
  runOnce(options?: { includeLeased?: boolean }): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The outbox's worker, in every service process: every second (`pollMs`) it plans the deliveries of new
 * events (all of them, up to 5,000) and attempts those that are due, and once a minute drops idempotency keys older than
 * a day. Events survive restarts in the database, so nothing is lost when a process dies.
 */
export function startWebhookWorker(
  services: Pick<CheckoutServices, 'db' | 'now'>,
  options: { fetch?: typeof fetch; pollMs?: number } = {},
): WebhookWorker {
  const { pollMs = WEBHOOK_POLL_MS, ...deliverOptions } = options;
  let chain = Promise.resolve();
  let prunedAt = 0;
  const tick = async (includeLeased: boolean) => {
    try {
      for (let batch = 0; batch < DISPATCH_BATCHES_PER_TICK; batch++) {
        if ((await dispatchWebhookEvents(services)) < WEBHOOK_DISPATCH_BATCH) break;
      }
      await deliverDueWebhooks(services, { includeLeased, ...deliverOptions });
      const now = services.now().getTime();
      if (now - prunedAt >= 60_000) {
        prunedAt = now;
        await services.db
          .deleteFrom('idempotency_keys')
          .where('created_at', '<', new Date(now - IDEMPOTENCY_KEY_LIFETIME_MS).toISOString())
          .execute();
      }
    } catch (error) {
      console.error('Lava Checkout: webhook delivery failed; it runs again in a second.', error);
    }
  };
  const runOnce = (runOptions: { includeLeased?: boolean } = {}) => {
    chain = chain.then(() => tick(runOptions.includeLeased ?? false));
    return chain;
  };
  const timer = pollMs > 0 ? setInterval(() => void runOnce(), pollMs) : null;
  timer?.unref();
  return {
    runOnce,
    stop: async () => {
      if (timer) clearInterval(timer);
      await chain;
    },
  };
}
