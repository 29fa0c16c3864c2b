export type { AccountSummary } from './AccountSummary.ts';
export type {
  Appearance,
  AppearanceProblem,
  AppearanceTheme,
  AppearanceVariables,
} from './Appearance.ts';
export type { BillingInterval } from './BILLING_INTERVALS.ts';
export { BILLING_INTERVALS } from './BILLING_INTERVALS.ts';
export { decodeBase64Url, encodeBase64Url } from './base64url.ts';
export type { CustomerSessionClaims } from './CustomerSessionClaims.ts';
export { colorLuminance, LUMINANCE_MIDPOINT } from './colorLuminance.ts';
export {
  LEGACY_MESSAGE_TYPE,
  MESSAGE_TYPE,
  PROTOCOL_VERSION,
  SESSION_LIFETIME_SECONDS,
} from './constants.ts';
export { createNonce } from './createNonce.ts';
export { createUlid } from './createUlid.ts';
export type { CheckoutToken, DecodeCheckoutTokenResult } from './decodeCheckoutToken.ts';
export { decodeCheckoutToken } from './decodeCheckoutToken.ts';
export type { SessionKey } from './deriveSessionKey.ts';
export { deriveSessionKey } from './deriveSessionKey.ts';
export type { Environment } from './Environment.ts';
export { ENVIRONMENTS } from './Environment.ts';
export { ACCOUNT_EMBED_PATH, EMBED_PATH } from './embedPath.ts';
export { encodeCheckoutToken } from './encodeCheckoutToken.ts';
export type { IdPrefix } from './ID_PREFIXES.ts';
export { ID_PREFIXES } from './ID_PREFIXES.ts';
export { CHECKOUT_SESSION_ID_PATTERN, CUSTOMER_ID_PATTERN, NONCE_PATTERN } from './ids.ts';
export { legacyCancelMessage } from './legacyCancelMessage.ts';
export { legacySuccessMessage } from './legacySuccessMessage.ts';
export { LOOPBACK_HOST } from './loopbackHost.ts';
export type {
  CancelMessage,
  CheckoutErrorCode,
  CheckoutStep,
  CloseMessage,
  CloseRefusedMessage,
  CloseRequestMessage,
  ErrorMessage,
  FocusDirection,
  FocusEdge,
  FocusExitMessage,
  FocusMessage,
  FrameErrorCode,
  FrameMessage,
  HelloMessage,
  LegacyCancelMessage,
  LegacySuccessMessage,
  ParentMessage,
  ReadyMessage,
  ResizeMessage,
  StepMessage,
  SuccessMessage,
} from './messages.ts';
export type { MintedCheckoutSession } from './mintCheckoutSession.ts';
export { mintCheckoutSession } from './mintCheckoutSession.ts';
export type { MintedCustomerSession } from './mintCustomerSession.ts';
export { CUSTOMER_SESSION_SECRET_PREFIX, mintCustomerSession } from './mintCustomerSession.ts';
export type { NormalizeOriginUrlResult } from './normalizeOriginUrl.ts';
export { normalizeOriginUrl } from './normalizeOriginUrl.ts';
export { parseAccountSummary } from './parseAccountSummary.ts';
export { parseFrameMessage } from './parseFrameMessage.ts';
export { parseHelloMessage } from './parseHelloMessage.ts';
export { parseParentMessage } from './parseParentMessage.ts';
export type {
  CheckedCheckoutSessionParams,
  CheckoutSessionParams,
  ReadCheckoutSessionParamsResult,
} from './readCheckoutSessionParams.ts';
export { readCheckoutSessionParams } from './readCheckoutSessionParams.ts';
export type {
  CheckedCustomerSessionParams,
  CustomerSessionParams,
  ReadCustomerSessionParamsResult,
} from './readCustomerSessionParams.ts';
export { readCustomerSessionParams } from './readCustomerSessionParams.ts';
export type { ParamRefusal } from './refuseParam.ts';
export { resolveTheme } from './resolveTheme.ts';
export type { CheckoutMode, SessionClaims } from './SessionClaims.ts';
export { secretKeyEnvironment } from './secretKeyEnvironment.ts';
export { SESSION_SECRET_PREFIX, signSessionSecret } from './signSessionSecret.ts';
export { describeAppearanceProblems, validateAppearance } from './validateAppearance.ts';
export type { ValidateCheckoutBaseResult } from './validateCheckoutBase.ts';
export { validateCheckoutBase } from './validateCheckoutBase.ts';
export { validateLocale } from './validateLocale.ts';
export type { VerifyCustomerSessionSecretResult } from './verifyCustomerSessionSecret.ts';
export { verifyCustomerSessionSecret } from './verifyCustomerSessionSecret.ts';
export type {
  VerifySessionSecretOptions,
  VerifySessionSecretResult,
} from './verifySessionSecret.ts';
export { verifySessionSecret } from './verifySessionSecret.ts';
export type {
  SignedClaims,
  VerifySignedSecretResult,
} from './verifySignedSecret.ts';
