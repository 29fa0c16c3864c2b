import type { Db } from '../platform/db/Database.ts';
import { balanceNotifier } from './balanceNotifier.ts';

/**
 * Says that a customer's balance (credits, plan, renewal, pending change) may have changed, so
 * that open balance streams of this process read it again at once. Call it after the
 * transaction that changed it committed, with the customer's `con_...` id. It never throws and
 * costs nothing when nobody listens; streams of other processes notice within their periodic
 * check.
 */
export function balanceChanged(db: Db, customerId: string): void {
  balanceNotifier(db).publish(customerId);
}
