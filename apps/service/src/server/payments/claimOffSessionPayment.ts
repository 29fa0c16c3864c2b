import type { Db } from '../platform/db/Database.ts';
import type { PaymentRow } from './paymentRow.ts';

/**
 * Writes a subscription's off-session payment (a top-up or an upgrade) unless another payment
 * of the subscription is in flight: the payments table holds one in flight per subscription (a
 * renewal's included). `false` when one was, and nothing was written.
 */
export async function claimOffSessionPayment(db: Db, payment: PaymentRow): Promise<boolean> {
  const inserted = await db
    .insertInto('payments')
    .values(payment)
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return inserted.numInsertedOrUpdatedRows === 1n;
}
