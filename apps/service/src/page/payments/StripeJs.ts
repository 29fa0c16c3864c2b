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

/** How Stripe's fields look and speak, to match the page around them. */
export interface StripeCardFormOptions {
  /** The page's language, for Stripe's placeholders and messages. */
  locale: string;
  /** The page's colours (its theme and the merchant's): Stripe's frames cannot read its CSS. */
  colors: { text: string; placeholder: string; danger: string };
  fontFamily: string;
}

export interface StripeJs {
  cardForm(options: StripeCardFormOptions): StripeCardForm;
  /** Runs the next action (3-D Secure) of the PaymentIntent with this client secret. */
  handleNextAction(clientSecret: string): Promise<{ error?: StripeJsError }>;
}

/** Loads Stripe.js for a publishable key. */
export type LoadStripeJs = (publishableKey: string) => Promise<StripeJs>;
