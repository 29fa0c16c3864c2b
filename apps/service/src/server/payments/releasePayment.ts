import type { Db } from '../platform/db/Database.ts';
import type { PaymentFailure } from './PaymentProcessor.ts';
import type { PaymentRow } from './paymentRow.ts';

/**
 * Ends a payment that moved no money: records why, and hands a checkout's session back to the
 * customer (`processing -> phone_verified`) so they can try another card, within their attempts.
 */
export async function releasePayment(
  db: Db,
  payment: PaymentRow,
  failure: Pick<PaymentFailure, 'code'>,
  chargeRef: string | null,
  now: Date,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('payments')
      .set({
        status: 'failed',
        failure_code: failure.code,
        processor_ref: chargeRef,
        locked_until: null,
      })
      .where('id', '=', payment.id)
      .where('status', 'in', ['pending', 'requires_action'])
      .execute();
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
