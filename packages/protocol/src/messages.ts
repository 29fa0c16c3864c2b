import type { LEGACY_MESSAGE_TYPE, MESSAGE_TYPE, PROTOCOL_VERSION } from './constants.ts';

/** The visible step of the hosted checkout. */
export type CheckoutStep = 'phone' | 'code' | 'payment' | 'processing';

/** Why a checkout ended without success. */
export type CheckoutErrorCode =
  /** The token given to `open()` could not be decoded, or its base is not a safe URL. */
  | 'invalid_token'
  /** The checkout service does not recognise the session (bad signature, unknown key). */
  | 'session_invalid'
  /** The session is older than 60 minutes. */
  | 'session_expired'
  /** The session was already used to subscribe. */
  | 'session_completed'
  /** The checkout page never answered the handshake (blocked by CSP, offline, wrong origin). */
  | 'frame_unreachable';

/** Error codes the checkout frame itself may report. */
export type FrameErrorCode = Extract<
  CheckoutErrorCode,
  'session_invalid' | 'session_expired' | 'session_completed'
>;

type Versioned<T extends string> = { v: typeof PROTOCOL_VERSION; type: T; nonce: string };

/** Parent -> frame, by `window.postMessage` with a transferred `MessagePort`. */
export type HelloMessage = Versioned<typeof MESSAGE_TYPE.hello>;

/** Frame -> parent over the port: the frame took the port and is interactive. */
export type ReadyMessage = Versioned<typeof MESSAGE_TYPE.ready> & {
  checkoutSessionId: string | null;
};
/** Frame -> parent over the port: the customer moved to another step. */
export type StepMessage = Versioned<typeof MESSAGE_TYPE.step> & { step: CheckoutStep };
/** Frame -> parent over the port: the customer subscribed. Terminal. */
export type SuccessMessage = Versioned<typeof MESSAGE_TYPE.success> & {
  checkoutSessionId: string;
  customerId: string;
};
/** Frame -> parent over the port: the customer gave up inside the frame. Terminal. */
export type CancelMessage = Versioned<typeof MESSAGE_TYPE.cancel> & {
  checkoutSessionId: string | null;
};
/** Frame -> parent over the port: the session cannot be used. Terminal. */
export type ErrorMessage = Versioned<typeof MESSAGE_TYPE.error> & {
  checkoutSessionId: string | null;
  code: FrameErrorCode;
};

/** Every message the checkout frame may send to its parent. */
export type FrameMessage =
  | ReadyMessage
  | StepMessage
  | SuccessMessage
  | CancelMessage
  | ErrorMessage;

/** What the published `@lavapayments/checkout` hook listens for on `window`. */
export type LegacySuccessMessage = {
  type: typeof LEGACY_MESSAGE_TYPE.success;
  checkoutSessionId: string;
  connectionId: string;
  customerId: string;
};
export type LegacyCancelMessage = {
  type: typeof LEGACY_MESSAGE_TYPE.cancel;
  checkoutSessionId: string | null;
};
