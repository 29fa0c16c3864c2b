export type {
  CheckoutSession,
  CreateCheckoutSessionOptions,
  CreateCheckoutSessionParams,
} from './createCheckoutSession.ts';
export { createCheckoutSession } from './createCheckoutSession.ts';
