import type { CheckoutErrorCode, CheckoutStep } from '@lava-checkout/protocol';

/** Why a checkout ended without success, with a message that says what to do. */
export interface CheckoutError {
  code: CheckoutErrorCode;
  message: string;
}

/** What `onSuccess` receives: store `customerId` against your user, then confirm it server-side. */
export interface CheckoutSuccess {
  checkoutSessionId: string;
  customerId: string;
  /** @deprecated The same id as `customerId`, under the published hook's name. */
  connectionId: string;
}

/** How `open()` ended. Its promise resolves with this and never rejects. */
export type CheckoutResult =
  | ({ status: 'success' } & CheckoutSuccess)
  | { status: 'cancel'; checkoutSessionId: string | null }
  | { status: 'error'; checkoutSessionId: string | null; error: CheckoutError };

export interface CheckoutCallbacks {
  /** The customer subscribed. Called once per checkout, after the overlay closed. */
  onSuccess?: (result: CheckoutSuccess) => void;
  /** The customer closed the checkout before finishing. */
  onCancel?: (result: { checkoutSessionId: string | null }) => void;
  /** The checkout cannot go on: bad token, expired or used session, unreachable page. */
  onError?: (result: { checkoutSessionId: string | null; error: CheckoutError }) => void;
}

/** What every open state carries about its frame. */
interface OpenFrame {
  frameUrl: string;
  origin: string;
  /**
   * Changes with every `open()`. Bindings key the iframe by it, so each open loads a fresh
   * frame and handshakes again, even for the same token.
   */
  openId: number;
}

/** What an overlay needs to draw. */
export type CheckoutState =
  | { status: 'closed' }
  /** The frame is loading; no handshake yet. */
  | ({ status: 'loading' } & OpenFrame)
  /** The frame answered the handshake and is interactive. */
  | ({ status: 'ready'; checkoutSessionId: string | null; step: CheckoutStep | null } & OpenFrame)
  /** The checkout ended in an error; the overlay stays until the customer closes it. */
  | ({ status: 'failed'; error: CheckoutError } & OpenFrame);
