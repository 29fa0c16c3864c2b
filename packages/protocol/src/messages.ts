import type { Appearance } from './Appearance.ts';
import type { LEGACY_MESSAGE_TYPE, MESSAGE_TYPE, PROTOCOL_VERSION } from './constants.ts';

/** The visible step of the hosted checkout. */
export type CheckoutStep = 'phone' | 'code' | 'payment' | 'processing';

/** Why a checkout ended without success. */
export type CheckoutErrorCode =
  /** The token given to `open()` could not be decoded, its base is not a safe URL, or its origin is not a checkout origin the page trusts (`checkoutOrigin`, `checkoutOrigins`). */
  | 'invalid_token'
  /** The checkout service does not recognise the session (bad signature, unknown key). */
  | 'session_invalid'
  /** The session is older than 60 minutes. */
  | 'session_expired'
  /** The session was already used to subscribe. */
  | 'session_completed'
  /** The checkout page never answered the handshake (blocked by CSP, offline, wrong origin). */
  | 'frame_unreachable'
  /** The overlay's code could not be loaded (a chunk of `@lava-checkout/js` failed to download). */
  | 'overlay_unavailable'
  /** The script tag's `data-lava-checkout` URL did not answer with a `checkout_session_token`. */
  | 'session_request_failed';

/** Error codes the checkout frame itself may report. */
export type FrameErrorCode = Extract<
  CheckoutErrorCode,
  'session_invalid' | 'session_expired' | 'session_completed'
>;

/** Which way keyboard focus leaves the frame: Shift+Tab on its first field, or Tab on its last. */
export type FocusDirection = 'backward' | 'forward';

/** Where focus lands when it enters the frame from the overlay. */
export type FocusEdge = 'first' | 'last';

type Versioned<T extends string> = { v: typeof PROTOCOL_VERSION; type: T; nonce: string };

/** Parent -> frame, by `window.postMessage` with a transferred `MessagePort`. */
export type HelloMessage = Versioned<typeof MESSAGE_TYPE.hello> & {
  /** How the page should look; already checked against the appearance schema. */
  appearance?: Appearance;
  /** The customer's language as a canonical BCP 47 tag, for the page's translations. */
  locale?: string;
};
/** Parent -> frame over the port: the customer or the merchant asked to close. */
export type CloseMessage = Versioned<typeof MESSAGE_TYPE.close>;
/** Parent -> frame over the port: keyboard focus is entering the frame. */
export type FocusMessage = Versioned<typeof MESSAGE_TYPE.focus> & { edge: FocusEdge };

/** Every message the parent sends over the port, after the hello. */
export type ParentMessage = CloseMessage | FocusMessage;

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
/** Frame -> parent over the port: the page's content is this many CSS pixels tall. */
export type ResizeMessage = Versioned<typeof MESSAGE_TYPE.resize> & { height: number };
/** Frame -> parent over the port: Escape was pressed inside the frame. */
export type CloseRequestMessage = Versioned<typeof MESSAGE_TYPE.closeRequest>;
/** Frame -> parent over the port: a close was refused because a payment is processing. */
export type CloseRefusedMessage = Versioned<typeof MESSAGE_TYPE.closeRefused>;
/** Frame -> parent over the port: keyboard focus is leaving the frame. */
export type FocusExitMessage = Versioned<typeof MESSAGE_TYPE.focusExit> & {
  direction: FocusDirection;
};

/** Every message the checkout frame may send to its parent. */
export type FrameMessage =
  | ReadyMessage
  | StepMessage
  | SuccessMessage
  | CancelMessage
  | ErrorMessage
  | ResizeMessage
  | CloseRequestMessage
  | CloseRefusedMessage
  | FocusExitMessage;

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
