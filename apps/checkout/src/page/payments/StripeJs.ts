/**
 * The part of Stripe.js the payment step uses, narrowed so a stand-in can play it in stories
 * and tests. `loadStripeJs` adapts the real Stripe.js to it.
 */

/** An error as Stripe.js reports it; `message` is written for the customer. */
export interface StripeJsError {
  type: string;
  code?: string | undefined;
  message?: string | undefined;
}

/** One of Stripe's card Elements: a field in Stripe's own frame. */
export interface StripeCardElement {
  mount(container: HTMLElement): void;
  /** Fires once the field can take input. */
  onReady(handler: () => void): void;
  focus(): void;
  destroy(): void;
}

/** The three card Elements of one form, and what they make together. */
export interface StripeCardForm {
  number: StripeCardElement;
  expiry: StripeCardElement;
  cvc: StripeCardElement;
  /** Sends the card from Stripe's frames to Stripe and returns the payment method's id. */
  createPaymentMethod(): Promise<{ id: string } | { error: StripeJsError }>;
}

export interface StripeJs {
  cardForm(): StripeCardForm;
  /** Runs the next action (3-D Secure) of the PaymentIntent with this client secret. */
  handleNextAction(clientSecret: string): Promise<{ error?: StripeJsError }>;
}

/** Loads Stripe.js for a publishable key. */
export type LoadStripeJs = (publishableKey: string) => Promise<StripeJs>;
