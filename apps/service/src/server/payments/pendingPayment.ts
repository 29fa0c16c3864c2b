import type { Environment } from '@lava-checkout/protocol';
import { PAYMENT_LEASE_MS } from '../checkoutSessions/limits.ts';
import { createId } from '../platform/createId.ts';
import type { PaymentRow } from './paymentRow.ts';

/** What differs between payments: what is bought, by whom, with which card, under which key. */
export type PaymentOf = Pick<
  PaymentRow,
  | 'kind'
  | 'merchant_id'
  | 'plan_id'
  | 'amount'
  | 'idempotency_key'
  | 'payment_method_ref'
  | 'processor_customer_ref'
> &
  Partial<
    Pick<
      PaymentRow,
      'session_id' | 'subscription_id' | 'phone' | 'ip' | 'credit_bundle_id' | 'overage_amount'
    >
  >;

/**
 * A payment attempt as every kind of purchase claims it before calling the processor: pending,
 * in dollars, and leased to the request claiming it until `PAYMENT_LEASE_MS` from `now`, after
 * which recovery may take it over. What it does not name is `null`.
 */
export function pendingPayment(environment: Environment, now: Date, of: PaymentOf): PaymentRow {
  return {
    id: createId('pay', environment),
    session_id: null,
    subscription_id: null,
    phone: null,
    ip: null,
    credit_bundle_id: null,
    overage_amount: null,
    ...of,
    currency: 'usd',
    status: 'pending',
    failure_code: null,
    processor_ref: null,
    locked_until: new Date(now.getTime() + PAYMENT_LEASE_MS).toISOString(),
    created_at: now.toISOString(),
  };
}
