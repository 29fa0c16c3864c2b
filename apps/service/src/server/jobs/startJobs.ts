import { RECOVERY_INTERVAL_MS } from '../checkoutSessions/limits.ts';
import { recoverGatewayCalls } from '../gateway/billing/recoverGatewayCalls.ts';
import { recoverPayments } from '../payments/recoverPayments.ts';
import type { Services } from '../Services.ts';
import { renewDue } from '../subscriptions/renewSubscriptions.ts';
import {
  startWebhookWorker,
  WEBHOOK_POLL_MS,
  type WebhookWorker,
} from '../webhooks/startWebhookWorker.ts';
import { pruneIdempotencyKeys } from './pruneIdempotencyKeys.ts';

/** How often keys older than a day are dropped. */
export const PRUNE_INTERVAL_MS = 60_000;

/** How often subscriptions whose cycle ended are renewed (and failed renewals tried again). */
export const RENEWAL_INTERVAL_MS = 60_000;

export interface StartJobsOptions {
  /**
   * This process is the only one using the embedded database: at its start, a lease (on a
   * payment, a delivery) can only be one a process that died left behind, and is taken over.
   * `false` where another process may be at work: the HTTP server beside a worker, or several.
   */
  soleProcess: boolean;
  /**
   * How often the webhook worker looks for deliveries due, in ms; 0 runs it only when asked
   * (`webhooks.runOnce()`), for tests that count what the database runs.
   * @default WEBHOOK_POLL_MS
   */
  webhookPollMs?: number;
  /** Renewals charged at once. @default RENEWAL_CONCURRENCY */
  renewalConcurrency?: number;
  /**
   * The jobs keep the process running until `stop()`: the worker's process has nothing else to
   * wait on. `false` beside an HTTP server, whose socket keeps it running and whose close ends it.
   * @default false
   */
  keepProcessAlive?: boolean;
}

export interface Jobs {
  /** The outbox's worker: delivers webhooks. */
  webhooks: WebhookWorker;
  /** Runs every job now (what became due), resolving once they are done. */
  runOnce(): Promise<void>;
  /** Starts nothing more; resolves once what runs has finished. */
  stop(): Promise<void>;
}

/**
 * The service's periodic work, in one place, in whichever process runs it (the HTTP server's,
 * by default, or a worker of its own, `worker.ts`): payment recovery, and the gateway's calls
 * left open (at start, then every minute), renewals (every minute), webhook delivery (every second) and dropping `Idempotency-Key`s past their day
 * (every minute). Every job leases what it works on (`leaseRows`), so any number of processes
 * may run them on one PostgreSQL database. Each reads the time from the services' clock.
 */
export async function startJobs(services: Services, options: StartJobsOptions): Promise<Jobs> {
  const periodic: { stop(): Promise<void>; run(): Promise<void> }[] = [];
  const every = (intervalMs: number, name: string, job: () => Promise<void>) => {
    let running = Promise.resolve();
    const run = () => {
      running = running.then(() =>
        job().catch((error: unknown) => {
          console.error(`Lava Checkout: ${name} failed; it runs again later.`, error);
        }),
      );
      return running;
    };
    const timer = setInterval(() => void run(), intervalMs);
    if (!options.keepProcessAlive) timer.unref();
    const entry = {
      run,
      stop: async () => {
        clearInterval(timer);
        await running;
      },
    };
    periodic.push(entry);
    return entry;
  };

  const recover = async (includeLeased: boolean) => {
    const settled = await recoverPayments(services, { includeLeased });
    if (settled > 0) console.log(`Lava Checkout: recovery settled ${settled} payment(s).`);
    await recoverGatewayCalls(services, includeLeased);
  };
  const recovery = every(RECOVERY_INTERVAL_MS, 'payment recovery', () => recover(false));
  every(PRUNE_INTERVAL_MS, 'pruning idempotency keys', () => pruneIdempotencyKeys(services));
  // After recovery in `runOnce`: a renewal a crash left in flight is settled before the next.
  every(RENEWAL_INTERVAL_MS, 'renewals', async () => {
    const pass = await renewDue(
      services,
      options.renewalConcurrency ? { concurrency: options.renewalConcurrency } : {},
    );
    if (pass.renewed + pass.failed > 0) {
      console.log(
        `Lava Checkout: renewals: ${pass.renewed} renewed, ${pass.failed} charge(s) failed.`,
      );
    }
  });
  // What a previous run left in flight is settled before anything else.
  await recover(options.soleProcess).catch((error: unknown) => {
    console.error('Lava Checkout: payment recovery failed; it runs again in a minute.', error);
  });
  void recovery;

  const pollMs = options.webhookPollMs ?? WEBHOOK_POLL_MS;
  const webhooks = startWebhookWorker(services, { pollMs });
  // Like recovery: a lease at the start of the only process is one a dead process left.
  if (pollMs > 0) void webhooks.runOnce({ includeLeased: options.soleProcess });
  return {
    webhooks,
    runOnce: async () => {
      for (const job of periodic) await job.run();
      await webhooks.runOnce();
    },
    stop: async () => {
      for (const job of periodic) await job.stop();
      await webhooks.stop();
    },
  };
}
