import type { RecordPaymentInput } from './recordPayment.ts';

/**
 * Logs a succeeded charge that bought nothing when it was recorded, for an operator to refund:
 * `what` says why, and the log names the payment and the processor's charge.
 */
export function reportChargeToRefund(
  what: string,
  input: Pick<RecordPaymentInput, 'payment' | 'chargeRef'>,
): void {
  console.error(`Lava Checkout: ${what}; refund it`, {
    payment: input.payment.id,
    charge: input.chargeRef,
  });
}
