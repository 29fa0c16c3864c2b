import type { Db } from '../platform/db/Database.ts';
import { recordRenewalFailure } from '../subscriptions/recordRenewalFailure.ts';
import type { PaymentFailure } from './PaymentProcessor.ts';
import type { PaymentRow } from './paymentRow.ts';

/**
 * Ends a payment that moved no money: records why, and hands a checkout's session back to the
 * customer (`processing -> phone_verified`) so they can try another card, within their attempts,
 * or records a renewal's failure (`recordRenewalFailure`).
 */
export async function releasePayment(
  db: Db,
  payment: PaymentRow,
  failure: Pick<PaymentFailure, 'code'>,
  chargeRef: string | null,
  now: Date,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const released = await trx
      .updateTable('payments')
      .set({
        status: 'failed',
        failure_code: failure.code,
        processor_ref: chargeRef,
        locked_until: null,
      })
      .where('id', '=', payment.id)
      .where('status', 'in', ['pending', 'requires_action'])
      .executeTakeFirst();
    // A renewal's failure is announced and scheduled again (or ends the subscription) once: by
    // the transaction that moved its payment out of flight.
    if (payment.kind === 'renewal' && released.numUpdatedRows === 1n) {
      await recordRenewalFailure(trx, payment, failure, now);
    }
    // An off-session payment has no session to hand back.
    if (payment.session_id === null) return;
    await trx
      .updateTable('checkout_sessions')
      .set({ status: 'phone_verified', updated_at: now.toISOString() })
      .where('id', '=', payment.session_id)
      .where('status', '=', 'processing')
      .execute();
  });
}
