import type { Tables } from '../platform/db/Database.ts';

/** A payment attempt as written before the processor was called. */
export type PaymentRow = Tables['payments'] & {
  merchant_id: string;
  plan_id: string;
  idempotency_key: string;
  payment_method_ref: string;
};

/** Narrows a `payments` row to an attempt this version wrote (older rows lack the claim). */
export function isPaymentAttempt(row: Tables['payments']): row is PaymentRow {
  return (
    row.merchant_id !== null &&
    row.plan_id !== null &&
    row.idempotency_key !== null &&
    row.payment_method_ref !== null
  );
}
