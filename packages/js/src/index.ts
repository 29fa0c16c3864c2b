export type {
  Appearance,
  AppearanceTheme,
  AppearanceVariables,
  CheckoutErrorCode,
  CheckoutStep,
} from '@lava-checkout/protocol';
export { balanceLevel } from './balance/balanceLevel.ts';
export type { CreateBalanceOptions, LavaBalance } from './balance/createBalance.ts';
export { createBalance } from './balance/createBalance.ts';
export { formatCredits } from './balance/formatCredits.ts';
export type {
  LavaBalanceError,
  LavaBalanceErrorCode,
  LavaBalanceState,
} from './balance/LavaBalanceState.ts';
export { LOADING_BALANCE } from './balance/LavaBalanceState.ts';
export type { Checkout, CreateCheckoutOptions } from './createCheckout.ts';
export { createCheckout } from './createCheckout.ts';
export type { AccountResult, OpenAccountOptions } from './openAccount.ts';
export { openAccount } from './openAccount.ts';
export type {
  CheckoutCallbacks,
  CheckoutError,
  CheckoutOptions,
  CheckoutResult,
  CheckoutState,
  CheckoutStatus,
  CheckoutSuccess,
} from './types.ts';
