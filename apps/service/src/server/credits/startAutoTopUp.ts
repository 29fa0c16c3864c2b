import type { Db } from '../platform/db/Database.ts';
import type { Services } from '../Services.ts';
import { maybeAutoTopUp } from './maybeAutoTopUp.ts';

/** The auto top-ups a process started and has not finished, by database handle. */
const running = new WeakMap<Db, Set<Promise<unknown>>>();

/**
 * Starts `maybeAutoTopUp` after a draw without making the request wait for a card network:
 * the answer goes out while the top-up is charged. It never throws (a failure is logged; a
 * top-up a crash left in flight is settled by payment recovery). `autoTopUpsSettled` waits for
 * what is running, for a clean stop and for tests.
 */
export function startAutoTopUp(
  deps: Pick<Services, 'db' | 'payments' | 'now'>,
  input: Parameters<typeof maybeAutoTopUp>[1],
): void {
  let set = running.get(deps.db);
  if (!set) {
    set = new Set();
    running.set(deps.db, set);
  }
  const task: Promise<unknown> = maybeAutoTopUp(deps, input)
    .catch((error: unknown) => {
      console.error('Lava Checkout: an auto top-up failed; the next draw tries again', {
        customer: input.customerId,
        error: error instanceof Error ? error.message : String(error),
      });
    })
    .finally(() => set.delete(task));
  set.add(task);
}

/** Resolves once every auto top-up started through `db` so far has finished. */
export async function autoTopUpsSettled(db: Db): Promise<void> {
  const set = running.get(db);
  while (set && set.size > 0) await Promise.all([...set]);
}
