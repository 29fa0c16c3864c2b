// `@lava-checkout/protocol/token`: the token's decoder alone, for code that every merchant page
// loads before the customer's first click. The package's index brings the message parsers and
// the appearance checks along in a bundle split into chunks; this entry brings only these files.

export type { CheckoutToken, DecodeCheckoutTokenResult } from './decodeCheckoutToken.ts';
export { decodeCheckoutToken } from './decodeCheckoutToken.ts';
