import type { AccountSummary } from '@lava-checkout/protocol';
import type { Db } from '../platform/db/Database.ts';
import { balanceNotifier } from './balanceNotifier.ts';

/** The numbers of balance streams; one place to read and change them. */
export const BALANCE_STREAM_LIMITS = {
  /** Open streams per customer in one process: a few tabs, not a leak. */
  perCustomer: 5,
  /** Open streams in one process, all customers together. */
  perProcess: 2000,
  /** How often a customer's summary is read again, for changes another process made. */
  checkMs: 1000,
  /** How often an idle stream sends a comment, so proxies keep it open. */
  heartbeatMs: 15_000,
};

/** Where one open stream's messages go. */
export interface BalanceSink {
  summary(summary: AccountSummary): void;
  heartbeat(): void;
  /** The session has passed its expiry: end the stream (the page mints a new session). */
  expired(): void;
}

export interface BalanceStreamInput {
  merchantId: string;
  customerId: string;
  /** When the customer session expires, in milliseconds since the epoch. */
  expiresAt: number;
}

export interface BalanceStreams {
  /** Whether one more stream for this customer stays within the limits. */
  canOpen(customerId: string): boolean;
  /** Starts sending `customerId`'s summary to `sink` (at once, then on each change); returns the close. */
  open(input: BalanceStreamInput, sink: BalanceSink): () => void;
  /** Open streams in this process. */
  readonly size: number;
}

interface Subscriber {
  sink: BalanceSink;
  expiresAt: number;
  /** The summary this stream last sent, as JSON. */
  sent: string | null;
}

interface Watch {
  subscribers: Set<Subscriber>;
  reading: boolean;
  again: boolean;
  ticks: number;
  refresh: () => Promise<void>;
  stop: () => void;
}

/**
 * The balance streams of one process. Streams of one customer share a watch: a summary read
 * when this process publishes a change for the customer (`balanceChanged`), and at most once per
 * `checkMs` otherwise, so changes made by another process arrive within that time. Each stream
 * gets a summary only when it differs from the one it last got.
 */
export function createBalanceStreams(deps: {
  db: Db;
  now: () => Date;
  read: (merchantId: string, customerId: string) => Promise<AccountSummary>;
  limits?: Partial<typeof BALANCE_STREAM_LIMITS>;
}): BalanceStreams {
  const limits = { ...BALANCE_STREAM_LIMITS, ...deps.limits };
  const watches = new Map<string, Watch>();
  let size = 0;

  const watchOf = (merchantId: string, customerId: string): Watch => {
    const existing = watches.get(customerId);
    if (existing) return existing;
    const refresh = async () => {
      if (watch.reading) {
        watch.again = true;
        return;
      }
      watch.reading = true;
      try {
        do {
          watch.again = false;
          const summary = await deps.read(merchantId, customerId);
          const json = JSON.stringify(summary);
          for (const subscriber of watch.subscribers) {
            if (subscriber.sent === json) continue;
            subscriber.sent = json;
            subscriber.sink.summary(summary);
          }
        } while (watch.again && watch.subscribers.size > 0);
      } catch (error) {
        // The next check tries again.
        console.error('Lava Checkout: reading a balance for its stream failed', error);
      } finally {
        watch.reading = false;
      }
    };
    const heartbeatEvery = Math.max(1, Math.round(limits.heartbeatMs / limits.checkMs));
    const timer = setInterval(() => {
      watch.ticks += 1;
      const now = deps.now().getTime();
      for (const subscriber of [...watch.subscribers]) {
        if (now >= subscriber.expiresAt) {
          subscriber.sink.expired();
          continue;
        }
        if (watch.ticks % heartbeatEvery === 0) subscriber.sink.heartbeat();
      }
      if (watch.subscribers.size > 0) void refresh();
    }, limits.checkMs);
    const unsubscribe = balanceNotifier(deps.db).subscribe(customerId, () => void refresh());
    const watch: Watch = {
      subscribers: new Set(),
      reading: false,
      again: false,
      ticks: 0,
      refresh,
      stop: () => {
        clearInterval(timer);
        unsubscribe();
      },
    };
    watches.set(customerId, watch);
    return watch;
  };

  return {
    canOpen: (customerId) =>
      size < limits.perProcess &&
      (watches.get(customerId)?.subscribers.size ?? 0) < limits.perCustomer,
    open(input, sink) {
      const watch = watchOf(input.merchantId, input.customerId);
      const subscriber: Subscriber = { sink, expiresAt: input.expiresAt, sent: null };
      watch.subscribers.add(subscriber);
      size += 1;
      void watch.refresh();
      let open = true;
      return () => {
        if (!open) return;
        open = false;
        size -= 1;
        watch.subscribers.delete(subscriber);
        if (watch.subscribers.size === 0) {
          watch.stop();
          watches.delete(input.customerId);
        }
      };
    },
    get size() {
      return size;
    },
  };
}
