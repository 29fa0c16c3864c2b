export type {
  CheckoutSession,
  CreateCheckoutSessionOptions,
  CreateCheckoutSessionParams,
} from './createCheckoutSession.ts';
export { createCheckoutSession } from './createCheckoutSession.ts';
export type {
  CreateCustomerSessionOptions,
  CreateCustomerSessionParams,
  CustomerSession,
} from './createCustomerSession.ts';
export { createCustomerSession } from './createCustomerSession.ts';
export type { LavaConfig } from './Lava.ts';
export { Lava } from './Lava.ts';
export { LavaApiError } from './LavaApiError.ts';
export type { LavaRequest, RequestOptions } from './LavaRequest.ts';
export type * from './restTypes.ts';
export type { VerifyWebhookOptions } from './verifyWebhook.ts';
export { LavaWebhookSignatureError, verifyWebhook } from './verifyWebhook.ts';
