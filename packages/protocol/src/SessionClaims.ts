/** Checkout modes a session can be minted for. */
export type CheckoutMode = 'subscription' | 'credit_bundle';

/** What a signed session secret asserts. Times are Unix seconds. */
export interface SessionClaims {
  /** Checkout session id, `cs_...`. */
  sid: string;
  mode: CheckoutMode;
  /** The merchant origin allowed to embed the page and receive its messages. */
  origin: string;
  /** Plan to subscribe to (subscription mode). */
  plan?: string;
  /** Returning customer (`con_...` or the merchant's reference id). */
  customer?: string;
  /** Credit bundle to buy (credit_bundle mode). */
  bundle?: string;
  iat: number;
  exp: number;
}
