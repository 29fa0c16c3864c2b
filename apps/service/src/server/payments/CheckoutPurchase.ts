import type { PaymentKind } from '../platform/db/Database.ts';

/**
 * What a checkout sells, as the purchase pipeline (`purchase`) needs it: the one thing that
 * differs between buying a plan and buying a credit bundle. Claiming, charging, settling and
 * recovering are the same for both; recording the success is chosen by `kind` (see
 * `recordPayment`).
 */
export interface CheckoutPurchase {
  kind: PaymentKind;
  /** The plan bought, or the plan whose bundle is bought: one payment per phone and plan is in flight. */
  planId: string;
  /** The bundle bought; `null` for a plan. */
  creditBundleId: string | null;
  /** Decimal string, in dollars. */
  amount: string;
  /** What the card statement names: the plan or the bundle. */
  name: string;
  /**
   * Bought at most once: a customer who has it completes without a charge (a plan). `false`:
   * bought again and again (a bundle, which having the plan allows).
   */
  once: boolean;
  /** The customer paying, when the session was minted for one; else the session's verified one. */
  customerId: string | null;
  /** The processor's customer of a card on file: it is charged as that customer. `null`: a new card. */
  customerRef: string | null;
}
