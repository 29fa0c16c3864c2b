import type { SubscribeResponse } from '../../shared/checkoutContract.ts';
import { recordBundlePurchase } from '../credits/recordBundlePurchase.ts';
import { recordTopUp } from '../credits/recordTopUp.ts';
import type { Db, PaymentKind, Tables } from '../platform/db/Database.ts';
import { recordRenewal } from '../subscriptions/recordRenewal.ts';
import { recordSubscription } from '../subscriptions/recordSubscription.ts';
import { recordUpgrade } from '../subscriptions/recordUpgrade.ts';
import type { PaymentMethod } from './PaymentProcessor.ts';
import type { PaymentRow } from './paymentRow.ts';

export type RecordedPayment = Extract<SubscribeResponse, { status: 'succeeded' }>;

/** What recording a succeeded charge needs, whatever it bought. */
export interface RecordPaymentInput {
  payment: PaymentRow;
  chargeRef: string;
  /** The customer paying; `null`: a new customer, made by recording a plan's payment. */
  customerId: string | null;
  merchant: Pick<Tables['merchants'], 'id' | 'environment'>;
  /** The plan bought, or whose bundle was bought. */
  plan: Pick<Tables['plans'], 'id' | 'billing_interval' | 'name'>;
  /** The card charged (saved to the processor's customer by a plan's charge, for renewals). */
  paymentMethod: PaymentMethod;
  at: Date;
}

/**
 * Records a succeeded charge of one kind, in one transaction that starts with
 * `markPaymentSucceeded` (the one rule: only the transaction that moves the payment out of
 * flight records it; any other returns what was recorded). Recording the same payment twice,
 * from the request and from recovery, therefore records it once.
 */
export type PaymentRecorder = (db: Db, input: RecordPaymentInput) => Promise<RecordedPayment>;

/** What each kind of payment does once its charge succeeded. */
const RECORDERS: Record<PaymentKind, PaymentRecorder> = {
  plan: recordSubscription,
  bundle: recordBundlePurchase,
  renewal: recordRenewal,
  top_up: recordTopUp,
  upgrade: recordUpgrade,
};

/** Records a succeeded charge as its kind says (see `PaymentRecorder`). */
export function recordPayment(db: Db, input: RecordPaymentInput): Promise<RecordedPayment> {
  return RECORDERS[input.payment.kind](db, input);
}
