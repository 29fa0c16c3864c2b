// `@lava-checkout/protocol/account`: the account summary's shape and its reader alone, for the
// balance widget that merchant pages load before any dynamic import.

export type { AccountSummary } from './AccountSummary.ts';
export { parseAccountSummary } from './parseAccountSummary.ts';
