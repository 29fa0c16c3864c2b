import type { SettleContext } from '../payments/settlePayment.ts';
import type { Tables } from '../platform/db/Database.ts';

/** A subscription read by `selectSubscriptionToCharge`. */
interface ChargeableRow {
  customer_id: string;
  plan_id: string;
  plan_name: string;
  billing_interval: Tables['plans']['billing_interval'];
  merchant_id: string;
  environment: Tables['merchants']['environment'];
  processor_customer_ref: string | null;
  brand: string | null;
  last4: string | null;
  exp_month: number | null;
  exp_year: number | null;
}

/**
 * What settling an off-session charge of a subscription's card needs to record it; `processorRef`
 * is the row's `processor_ref`, once checked to be there.
 */
export function chargeContext(row: ChargeableRow, processorRef: string): SettleContext {
  return {
    customerId: row.customer_id,
    merchant: { id: row.merchant_id, environment: row.environment },
    plan: { id: row.plan_id, billing_interval: row.billing_interval, name: row.plan_name },
    paymentMethod: {
      processorRef,
      brand: row.brand ?? 'card',
      last4: row.last4 ?? '',
      expMonth: row.exp_month ?? 1,
      expYear: row.exp_year ?? 1970,
      ...(row.processor_customer_ref ? { customerRef: row.processor_customer_ref } : {}),
    },
  };
}
