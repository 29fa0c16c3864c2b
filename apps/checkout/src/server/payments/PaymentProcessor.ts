/** Card details as typed by the customer, already checked for shape. */
export interface CardInput {
  number: string;
  expMonth: number;
  expYear: number;
  cvc: string;
}

export interface PaymentMethod {
  /** The processor's reference for the card; the only thing of it we keep besides brand/last4. */
  processorRef: string;
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
}

/** Why a charge failed, in words a customer can act on. */
export interface PaymentFailure {
  code: 'card_declined' | 'insufficient_funds' | 'processing_error';
  message: string;
}

/**
 * Moves money. The test processor implements it with the test cards of DESIGN.md; a real
 * processor (Stripe) implements the same two calls.
 */
export interface PaymentProcessor {
  /** Tokenises a card. */
  createPaymentMethod(card: CardInput): Promise<PaymentMethod>;
  /** Charges a tokenised card; the idempotency key makes a retried call charge once. */
  charge(input: {
    paymentMethod: PaymentMethod;
    amount: string;
    currency: 'usd';
    description: string;
    idempotencyKey: string;
  }): Promise<{ ok: true; chargeRef: string } | { ok: false; failure: PaymentFailure }>;
}
