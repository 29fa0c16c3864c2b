import type { Appearance, CheckoutErrorCode, CheckoutStep } from '@lava-checkout/protocol';

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
  /**
   * The customer subscribed. Called once per checkout, after the success screen showed for
   * `successDelayMs` and the overlay closed.
   */
  onSuccess?: ((result: CheckoutSuccess) => void) | undefined;
  /** The customer closed the checkout before finishing. */
  onCancel?: ((result: { checkoutSessionId: string | null }) => void) | undefined;
  /** The checkout cannot go on: bad token, expired or used session, unreachable page. */
  onError?:
    | ((result: { checkoutSessionId: string | null; error: CheckoutError }) => void)
    | undefined;
  /**
   * The checkout page answered the handshake: from then on it reports steps and the ending.
   * (Its first step shows, and takes typing, as soon as it paints, usually a little before.)
   * Called once per `open()`.
   */
  onReady?: ((result: { checkoutSessionId: string | null }) => void) | undefined;
  /** The customer moved to another step (`phone`, `code`, `payment`, `processing`). */
  onStepChange?:
    | ((result: { checkoutSessionId: string | null; step: CheckoutStep }) => void)
    | undefined;
}

export interface CheckoutOptions extends CheckoutCallbacks {
  /**
   * How the checkout page and the overlay look: `theme` and brand `variables`. Checked
   * against a strict schema; a refused value is reported once with `console.error` and its
   * default is used. Read once per frame, when its page loads or the overlay shows.
   * @default {} (the customer's dark or light setting, and the page's own colours)
   */
  appearance?: Appearance | undefined;
  /**
   * The customer's language, a BCP 47 tag such as `en-US`, passed to the page.
   * @default undefined (the page decides)
   */
  locale?: string | undefined;
  /**
   * The origin of your checkout service, such as `'https://checkout.example.com'`: the SDK
   * opens only tokens whose `base` has this origin (or one of `checkoutOrigins`). Without
   * either, every token is refused with `invalid_token`, whose message says how to set it.
   * The script tag sets it to the origin it was served from.
   * @default undefined (no origin is trusted)
   * @example useLavaCheckout({ checkoutOrigin: 'https://checkout.example.com', onSuccess })
   */
  checkoutOrigin?: string | undefined;
  /**
   * More checkout origins this page trusts, beside `checkoutOrigin`, such as a staging and a
   * production service.
   * @default undefined
   */
  checkoutOrigins?: readonly string[] | undefined;
  /**
   * How long the page's success screen stays before the overlay closes and `onSuccess` runs.
   * @default 1500
   */
  successDelayMs?: number | undefined;
  /**
   * How long the checkout page has to answer the handshake before `onError` reports
   * `frame_unreachable`.
   * @default 15000
   */
  handshakeTimeoutMs?: number | undefined;
}

/** What every open state carries about its frame. */
interface OpenFrame {
  frameUrl: string;
  origin: string;
  /** Changes with every `open()`: each open shows a fresh frame, even for the same token. */
  openId: number;
}

/** The state of the checkout's overlay. */
export type CheckoutState =
  | { status: 'closed' }
  /** The frame is loading; no handshake yet. */
  | ({ status: 'loading' } & OpenFrame)
  /** The frame answered the handshake and is interactive. */
  | ({
      status: 'ready';
      checkoutSessionId: string | null;
      step: CheckoutStep | null;
      /** A close was asked while the payment processes; the frame refused it. */
      closeRefused: boolean;
    } & OpenFrame)
  /** The customer subscribed; the page's success screen shows until the overlay closes. */
  | ({ status: 'success'; checkoutSessionId: string; customerId: string } & OpenFrame)
  /** The checkout ended in an error; the overlay stays until the customer closes it. */
  | ({ status: 'failed'; checkoutSessionId: string | null; error: CheckoutError } & OpenFrame);

/** `CheckoutState['status']`: `closed`, `loading`, `ready`, `success` or `failed`. */
export type CheckoutStatus = CheckoutState['status'];
