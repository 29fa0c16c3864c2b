import {
  createNonce,
  decodeCheckoutToken,
  type FrameMessage,
  MESSAGE_TYPE,
  PROTOCOL_VERSION,
  parseFrameMessage,
} from '@lava-checkout/protocol';
import { createStore } from 'zustand/vanilla';
import type { CheckoutCallbacks, CheckoutError, CheckoutResult, CheckoutState } from './types.ts';

export interface CreateCheckoutOptions extends CheckoutCallbacks {
  /**
   * How long the checkout page has to answer the handshake before `onError` reports
   * `frame_unreachable`.
   * @default 15000
   */
  handshakeTimeoutMs?: number;
}

/** One checkout controller: the state an overlay draws, and the verified channel to the frame. */
export interface Checkout {
  getState(): CheckoutState;
  subscribe(listener: (state: CheckoutState) => void): () => void;
  /**
   * Opens the checkout for a `checkout_session_token` minted by your server. Resolves once it
   * ends (never rejects); the matching callback runs once.
   */
  open(token: string): Promise<CheckoutResult>;
  /** Closes the overlay; a checkout still in progress ends as `cancel`. */
  close(): void;
  /**
   * Connects the overlay's iframe: on each load, the controller sends it `hello` with a fresh
   * port and this open's nonce. Returns the function that disconnects it.
   */
  attachFrame(iframe: HTMLIFrameElement): () => void;
}

interface Session {
  openId: number;
  nonce: string;
  origin: string;
  frameUrl: string;
  checkoutSessionId: string | null;
  port: MessagePort | null;
  timer: ReturnType<typeof setTimeout>;
  settled: boolean;
  resolve: (result: CheckoutResult) => void;
  promise: Promise<CheckoutResult>;
}

const callSafely = <T>(callback: ((value: T) => void) | undefined, value: T) => {
  try {
    callback?.(value);
  } catch (error) {
    console.error('Lava Checkout: your callback threw. The checkout itself completed.', error);
  }
};

/**
 * Creates a checkout controller. Framework-free: bindings draw its state and attach the
 * iframe. Messages count only when they arrive on the port this controller handed to the
 * iframe's window at the token's exact origin, and carry this open's nonce.
 */
export function createCheckout(options: CreateCheckoutOptions = {}): Checkout {
  const store = createStore<CheckoutState>(() => ({ status: 'closed' }));
  let current: Session | null = null;
  let opens = 0;
  const frameOf = ({ frameUrl, origin, openId }: Session) => ({ frameUrl, origin, openId });

  const finish = (session: Session, result: CheckoutResult) => {
    if (session.settled) return;
    session.settled = true;
    clearTimeout(session.timer);
    session.port?.close();
    session.port = null;
    if (result.status === 'error') {
      store.setState({ status: 'failed', ...frameOf(session), error: result.error }, true);
    } else {
      current = null;
      store.setState({ status: 'closed' }, true);
    }
    session.resolve(result);
    switch (result.status) {
      case 'success': {
        const { status: _, ...success } = result;
        callSafely(options.onSuccess, success);
        break;
      }
      case 'cancel':
        callSafely(options.onCancel, { checkoutSessionId: result.checkoutSessionId });
        break;
      case 'error':
        callSafely(options.onError, {
          checkoutSessionId: result.checkoutSessionId,
          error: result.error,
        });
        break;
      default:
        result satisfies never;
    }
  };

  const fail = (session: Session, error: CheckoutError) =>
    finish(session, { status: 'error', checkoutSessionId: session.checkoutSessionId, error });

  const receive = (session: Session, message: FrameMessage | null) => {
    if (!message || message.nonce !== session.nonce || session.settled) return;
    switch (message.type) {
      case MESSAGE_TYPE.ready:
        clearTimeout(session.timer);
        session.checkoutSessionId = message.checkoutSessionId;
        store.setState(
          {
            status: 'ready',
            ...frameOf(session),
            checkoutSessionId: message.checkoutSessionId,
            step: null,
          },
          true,
        );
        return;
      case MESSAGE_TYPE.step: {
        const state = store.getState();
        if (state.status === 'ready') store.setState({ ...state, step: message.step }, true);
        return;
      }
      case MESSAGE_TYPE.success:
        finish(session, {
          status: 'success',
          checkoutSessionId: message.checkoutSessionId,
          customerId: message.customerId,
          connectionId: message.customerId,
        });
        return;
      case MESSAGE_TYPE.cancel:
        finish(session, {
          status: 'cancel',
          checkoutSessionId: message.checkoutSessionId ?? session.checkoutSessionId,
        });
        return;
      case MESSAGE_TYPE.error:
        fail(session, {
          code: message.code,
          message: `Lava Checkout: the checkout session cannot be used (${message.code}). Mint a new session on your server and open it.`,
        });
        return;
      default:
        message satisfies never;
    }
  };

  return {
    getState: store.getState,
    subscribe: store.subscribe,

    open(token) {
      if (current && !current.settled) {
        console.warn(
          'Lava Checkout: open() was called while a checkout is open. Close it first; this call waits for the open one.',
        );
        return current.promise;
      }
      if (current) store.setState({ status: 'closed' }, true);
      current = null;
      const decoded = decodeCheckoutToken(token);
      if (!decoded.ok) {
        const error: CheckoutError = { code: 'invalid_token', message: decoded.message };
        callSafely(options.onError, { checkoutSessionId: null, error });
        return Promise.resolve({ status: 'error', checkoutSessionId: null, error });
      }
      const { origin, frameUrl } = decoded.token;
      let resolve!: (result: CheckoutResult) => void;
      const promise = new Promise<CheckoutResult>((r) => {
        resolve = r;
      });
      const timeoutMs = options.handshakeTimeoutMs ?? 15_000;
      const session: Session = {
        openId: ++opens,
        nonce: createNonce(),
        origin,
        frameUrl,
        checkoutSessionId: null,
        port: null,
        settled: false,
        resolve,
        promise,
        timer: setTimeout(() => {
          fail(session, {
            code: 'frame_unreachable',
            message: `Lava Checkout: the checkout page at ${origin} did not answer within ${timeoutMs / 1000} s. Check that the checkout service is running, that your Content-Security-Policy allows frame-src ${origin}, and that the session's origin_url is ${globalThis.location?.origin ?? 'this page'}.`,
          });
        }, timeoutMs),
      };
      current = session;
      store.setState({ status: 'loading', ...frameOf(session) }, true);
      return promise;
    },

    close() {
      const session = current;
      if (!session) return;
      if (!session.settled) {
        finish(session, { status: 'cancel', checkoutSessionId: session.checkoutSessionId });
        return;
      }
      current = null;
      store.setState({ status: 'closed' }, true);
    },

    attachFrame(iframe) {
      const session = current;
      if (!session) return () => {};
      const handshake = () => {
        if (session.settled || current !== session) return;
        session.port?.close();
        const channel = new MessageChannel();
        session.port = channel.port1;
        channel.port1.onmessage = (event) => receive(session, parseFrameMessage(event.data));
        iframe.contentWindow?.postMessage(
          { v: PROTOCOL_VERSION, type: MESSAGE_TYPE.hello, nonce: session.nonce },
          session.origin,
          [channel.port2],
        );
      };
      iframe.addEventListener('load', handshake);
      return () => iframe.removeEventListener('load', handshake);
    },
  };
}
