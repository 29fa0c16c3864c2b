import { ServiceError } from '../platform/ServiceError.ts';
import type { Services } from '../Services.ts';
import type { PaymentMethod } from './PaymentProcessor.ts';

/**
 * The payment method the page made with the processor's own page code, as the processor knows
 * it. Refuses one the processor does not know, and says so when it cannot be reached.
 */
export async function readCardPaymentMethod(
  deps: Pick<Services, 'payments'>,
  ref: string,
): Promise<PaymentMethod> {
  const paymentMethod = await deps.payments.readPaymentMethod(ref).catch((error: unknown) => {
    console.error('Lava Checkout: the payment processor could not be reached', {
      error: error instanceof Error ? error.message : String(error),
    });
    throw new ServiceError(
      'processing_error',
      'We could not reach the card network. Nothing was charged. Try again in a moment.',
    );
  });
  if (!paymentMethod) {
    throw new ServiceError('invalid_payment_method', 'Check your card details and try again.', {
      param: 'payment_method',
    });
  }
  return paymentMethod;
}
