import type { Tables } from '../platform/db/Database.ts';
import type { PaymentMethod } from './PaymentProcessor.ts';

/** The `payment_methods` row that keeps `card` on file for a customer. */
export const paymentMethodRow = (
  id: string,
  customerId: string,
  card: PaymentMethod,
  createdAt: string,
): Tables['payment_methods'] => ({
  id,
  customer_id: customerId,
  processor_ref: card.processorRef,
  brand: card.brand,
  last4: card.last4,
  exp_month: card.expMonth,
  exp_year: card.expYear,
  created_at: createdAt,
  processor_customer_ref: card.customerRef ?? null,
});
