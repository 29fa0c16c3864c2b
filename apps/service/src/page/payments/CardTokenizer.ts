/** Card fields as the customer typed them. */
export interface CardFieldsInput {
  number: string;
  expiry: string;
  cvc: string;
}

/** What is wrong with each card field, as the customer reads it. */
export type CardFieldErrors = Partial<Record<keyof CardFieldsInput, string>>;

/**
 * A payment method made from card fields, or the field that is wrong and why: the processor's
 * own words (Stripe.js speaks the customer's language), or `null` for the page's.
 */
export type TokenizeResult =
  | { ok: true; paymentMethod: string }
  | { ok: false; field: keyof CardFieldsInput; message: string | null };

/**
 * The page side of a payment processor, as the payment step drives it: the card fields render
 * themselves, and hand back this handle.
 */
export interface CardFieldsHandle {
  /** Turns the fields into a payment method, in the page: the card number never leaves it. */
  tokenize(): Promise<TokenizeResult>;
  /**
   * Runs the authentication (3-D Secure) a charge asks for, with the processor's own page code.
   * `done` once the customer finished, passed or not (the service then reads the outcome);
   * `unsupported` when this processor cannot run one.
   */
  authenticate(clientSecret: string): Promise<'done' | 'unsupported'>;
}
