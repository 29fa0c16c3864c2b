/**
 * What each id starts with: `<prefix>_<test|live>_<ULID>`, the id shape of the Lava API
 * (`con_test_01K...`). The patterns of `ids.ts` match the two ids the page and its parent pass.
 */
export const ID_PREFIXES = {
  checkoutSession: 'cs',
  customer: 'con',
  plan: 'sc',
  meter: 'prd',
  creditBundle: 'cb',
  subscription: 'sub',
  payment: 'pay',
  paymentMethod: 'pm',
  merchant: 'mer',
  secretKey: 'sk',
  request: 'rq',
  /** A call through the AI gateway, as its `x-lava-request-id` names it. */
  gatewayRequest: 'req',
  creditGrant: 'cgr',
  creditEntry: 'cen',
  creditReservation: 'crv',
  smsCode: 'sms',
  webhook: 'wh',
  webhookEvent: 'evt',
  spendKey: 'spk',
  /** An agent's browser sign-in (MCP `login`). */
  signIn: 'si',
} as const;
export type IdPrefix = (typeof ID_PREFIXES)[keyof typeof ID_PREFIXES];
