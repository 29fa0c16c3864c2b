import type { CardFieldParam } from '../../shared/checkoutContract.ts';
import type { ProcessorPageConfig } from '../../shared/PageBootstrap.ts';

/** A card as the processor holds it: a reference, and what may be shown of it. */
export interface PaymentMethod {
  /** The processor's id for the payment method the page made (`pm_...`). */
  processorRef: string;
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
  /**
   * The processor's customer the method is saved to, for charging renewals off-session
   * (Stripe: `cus_...`); known once a charge with it succeeded.
   */
  customerRef?: string;
}

/** Why a charge failed, in words a customer can act on. */
export interface PaymentFailure {
  code:
    | 'card_declined'
    | 'insufficient_funds'
    | 'expired_card'
    | 'incorrect_cvc'
    | 'authentication_failed'
    /** Off-session: the bank wants the customer to authenticate, and they are not there. */
    | 'authentication_required'
    | 'processing_error';
  message: string;
  /** The field of the card at fault, when it is one (an expiry, a security code). */
  param?: CardFieldParam;
}

/** Where a charge stands at the processor. */
export type ChargeState =
  /** Money moved; `customerRef` names the processor's customer the card is now saved to. */
  | { status: 'succeeded'; customerRef?: string }
  | { status: 'failed'; failure: PaymentFailure }
  /** The customer must authenticate (3-D Secure) in the page, with this client secret. */
  | { status: 'requires_action'; clientSecret: string }
  /** Created but never confirmed: no money moved. */
  | { status: 'unconfirmed' }
  /** The processor is still working on it; ask again later. */
  | { status: 'processing' };

/** What to charge; the same key and input always name the same charge. */
export interface ChargeInput {
  paymentMethodRef: string;
  /** Decimal string, e.g. `"49.00"`. */
  amount: string;
  currency: 'usd';
  description: string;
  /** Ours: `<session id>:<attempt>`. Sent to the processor as its idempotency key. */
  idempotencyKey: string;
  /**
   * The processor's customer a card on file is saved to (`PaymentMethod.customerRef`): a saved
   * card is charged as that customer's. Absent for a new card.
   */
  customerRef?: string | undefined;
}

/** How a charge is confirmed. */
export interface ConfirmOptions {
  /**
   * The customer is not there (a renewal, a top-up): the saved card of `customerRef` is charged
   * without them, and a bank that wants them to authenticate refuses the charge
   * (`authentication_required`) instead of asking. @default false
   */
  offSession?: boolean;
}

/**
 * Moves money, in two steps so a crash can always be recovered: `createCharge` only records
 * the intent (calling it again with the same key and input returns the same charge and never
 * moves money), `confirmCharge` moves it, and `getCharge` reads where a charge stands. A
 * recovery job can therefore ask "what became of key K?" by creating again and reading.
 *
 * The card number never reaches this service: the page turns card fields into a payment
 * method with the processor's own page code (see `page`), and sends only its reference.
 */
export interface PaymentProcessor {
  /** What the page needs to make payment methods; travels in the page's bootstrap. */
  readonly page: ProcessorPageConfig;
  /** Reads a payment method the page made; `null` when the processor does not know it. */
  readPaymentMethod(ref: string): Promise<PaymentMethod | null>;
  createCharge(input: ChargeInput): Promise<{ chargeRef: string }>;
  confirmCharge(
    chargeRef: string,
    idempotencyKey: string,
    options?: ConfirmOptions,
  ): Promise<ChargeState>;
  getCharge(chargeRef: string): Promise<ChargeState>;
  /**
   * Saves a card the page made to the processor's customer (`customerRef`, or a new one), so
   * renewals and top-ups can charge it off-session: the customer replacing their card. Moves no
   * money. Absent: the processor charges any card it knows (the test processor).
   */
  saveCard?(paymentMethodRef: string, customerRef: string | null): Promise<{ customerRef: string }>;
  /** Gives up on a charge that did not succeed (abandoned authentication); moves no money. */
  cancelCharge(chargeRef: string): Promise<void>;
  /** Releases what the processor holds open (connections, files). */
  close?(): void | Promise<void>;
}
