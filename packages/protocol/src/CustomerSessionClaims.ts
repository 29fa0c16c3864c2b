/** What a signed customer session secret asserts. Times are Unix seconds. */
export interface CustomerSessionClaims {
  /** Marks the secret as a customer's: it opens their account, never a checkout. */
  typ: 'customer';
  /** The customer (`con_...` or the merchant's reference id). */
  sub: string;
  /** The merchant origin whose pages may read the account with it. */
  origin: string;
  iat: number;
  exp: number;
}
