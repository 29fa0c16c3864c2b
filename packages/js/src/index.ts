export type {
  Appearance,
  AppearanceTheme,
  AppearanceVariables,
  CheckoutErrorCode,
  CheckoutStep,
} from '@lava-checkout/protocol';
export type { Checkout, CreateCheckoutOptions } from './createCheckout.ts';
export { createCheckout } from './createCheckout.ts';
export type {
  CheckoutCallbacks,
  CheckoutError,
  CheckoutOptions,
  CheckoutResult,
  CheckoutState,
  CheckoutStatus,
  CheckoutSuccess,
} from './types.ts';
