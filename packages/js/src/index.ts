export type { Checkout, CreateCheckoutOptions } from './createCheckout.ts';
export { createCheckout } from './createCheckout.ts';
export type {
  CheckoutCallbacks,
  CheckoutError,
  CheckoutResult,
  CheckoutState,
  CheckoutSuccess,
} from './types.ts';
