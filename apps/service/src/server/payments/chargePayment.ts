import type { ChargeState, PaymentProcessor } from './PaymentProcessor.ts';
import type { PaymentRow } from './paymentRow.ts';

/** Where a charge stands after asking the processor; `unknown` when it could not be reached. */
export type ChargeResult =
  | { chargeRef: string | null; state: ChargeState }
  | { chargeRef: string; state: { status: 'unknown' } };

/**
 * Moves the money for a claimed payment: creates the charge under the attempt's idempotency
 * key, then confirms it. When the processor cannot be reached, it says `unknown` rather than
 * guessing: the payment stays claimed, and recovery later asks the processor what happened.
 */
export async function chargePayment(
  payments: PaymentProcessor,
  payment: PaymentRow,
  description: string,
): Promise<ChargeResult> {
  let chargeRef: string | null = null;
  try {
    ({ chargeRef } = await payments.createCharge({
      paymentMethodRef: payment.payment_method_ref,
      amount: payment.amount,
      currency: 'usd',
      description,
      idempotencyKey: payment.idempotency_key,
      customerRef: payment.processor_customer_ref ?? undefined,
    }));
    // A payment with no checkout session is a subscription's, charged with nobody there.
    const offSession = payment.session_id === null;
    return {
      chargeRef,
      state: await payments.confirmCharge(chargeRef, payment.idempotency_key, { offSession }),
    };
  } catch (error) {
    console.error('Lava Checkout: the payment processor could not be reached', {
      payment: payment.id,
      error: error instanceof Error ? error.message : String(error),
    });
    // Creating a charge never moves money: without one, nothing was charged.
    if (chargeRef === null) return { chargeRef, state: { status: 'unconfirmed' } };
    // The confirmation may or may not have landed: ask once before giving up.
    const state = await payments.getCharge(chargeRef).catch(() => null);
    return state ? { chargeRef, state } : { chargeRef, state: { status: 'unknown' } };
  }
}
