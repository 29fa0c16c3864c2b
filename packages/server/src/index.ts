export type {
  CheckoutSessionParams as CreateCheckoutSessionParams,
  CustomerSessionParams as CreateCustomerSessionParams,
  MintedCheckoutSession as CheckoutSession,
  MintedCustomerSession as CustomerSession,
} from '@lava-checkout/protocol';
export { createCheckoutSession } from './createCheckoutSession.ts';
export { createCustomerSession } from './createCustomerSession.ts';
export type { LavaConfig } from './Lava.ts';
export { Lava } from './Lava.ts';
export { LavaApiError } from './LavaApiError.ts';
export type { LavaRequest, RequestOptions } from './LavaRequest.ts';
export type {
  SigningOptions as CreateCheckoutSessionOptions,
  SigningOptions as CreateCustomerSessionOptions,
} from './readSigningOptions.ts';
export type * from './restTypes.ts';
export type { VerifyWebhookOptions } from './verifyWebhook.ts';
export { LavaWebhookSignatureError, verifyWebhook } from './verifyWebhook.ts';
