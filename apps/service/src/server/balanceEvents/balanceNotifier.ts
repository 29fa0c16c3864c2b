import type { Db } from '../platform/db/Database.ts';

/** Listeners of one process for balance changes, by customer id. */
export interface BalanceNotifier {
  /** Tells this process's listeners that `customerId`'s balance may have changed. */
  publish(customerId: string): void;
  /** Calls `listener` on each publish for `customerId`; returns the unsubscribe. */
  subscribe(customerId: string, listener: () => void): () => void;
}

// One notifier per database handle: the code that changes a balance holds the handle, not the
// HTTP app, and each test service opens its own. Other processes never hear of it: their
// changes reach a stream through its periodic check.
const notifiers = new WeakMap<Db, BalanceNotifier>();

/** The in-process notifier of balance changes made through `db`. */
export function balanceNotifier(db: Db): BalanceNotifier {
  let notifier = notifiers.get(db);
  if (!notifier) {
    const listeners = new Map<string, Set<() => void>>();
    notifier = {
      publish(customerId) {
        for (const listener of listeners.get(customerId) ?? []) {
          try {
            listener();
          } catch (error) {
            console.error('Lava Checkout: a balance listener failed', error);
          }
        }
      },
      subscribe(customerId, listener) {
        const set = listeners.get(customerId) ?? new Set();
        listeners.set(customerId, set);
        set.add(listener);
        return () => {
          set.delete(listener);
          if (set.size === 0) listeners.delete(customerId);
        };
      },
    };
    notifiers.set(db, notifier);
  }
  return notifier;
}
