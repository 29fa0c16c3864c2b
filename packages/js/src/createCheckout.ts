import { decodeCheckoutToken } from '@lava-checkout/protocol/token';
import { createStore } from 'zustand/vanilla';
import { createFrame } from './createFrame.ts';
import { loadOverlay } from './loadOverlay.ts';
import type { Session, SessionHost } from './Session.ts';
import type {
  CheckoutCallbacks,
  CheckoutError,
  CheckoutOptions,
  CheckoutResult,
  CheckoutState,
} from './types.ts';

export interface CreateCheckoutOptions extends CheckoutOptions {}

/** One checkout controller: the overlay's state, and the verified channel to the frame. */
export interface Checkout {
  getState(): CheckoutState;
  subscribe(listener: (state: CheckoutState) => void): () => void;
  /**
   * Opens the checkout for a `checkout_session_token` minted by your server. The frame's
   * request starts before this returns. Resolves once the checkout ends (never rejects);
   * the matching callback runs once. While a checkout is open, a second call warns and
   * returns the open checkout's promise.
   */
  open(token: string): Promise<CheckoutResult>;
  /**
   * Loads the overlay's code and a hidden frame for this token and completes the handshake,
   * so a later `open(token)` only shows it. Resolves `true` once it is ready, `false` if it
   * could not be (it is then dropped; `open()` reports why). Calls no callback.
   */
  preload(token: string): Promise<boolean>;
  /**
   * Asks the checkout to close; a checkout in progress ends as `cancel`. While a payment is
   * processing the page refuses, and the overlay says so. Without an answer within a second
   * (a page that hangs), it closes anyway.
   */
  close(): void;
  /**
   * Ends any checkout at once (as `cancel`) and removes everything this controller added to
   * the page, preloaded frame included. The controller can open again afterwards.
   */
  destroy(): void;
}

const CLOSED: CheckoutState = { status: 'closed' };
/** The callback each ending calls. */
const CALLBACK_OF = {
  success: 'onSuccess',
  cancel: 'onCancel',
  error: 'onError',
} as const satisfies Record<CheckoutResult['status'], keyof CheckoutCallbacks>;
/** How long a page has to answer a close request before the overlay closes anyway. */
const CLOSE_ANSWER_MS = 1000;

const originOf = (value: string) => {
  try {
    return new URL(value).origin;
  } catch {
    return null;
  }
};

/**
 * Creates a checkout controller. Framework-free: it makes the iframe itself, loads the
 * overlay (a native modal `<dialog>`) as a separate chunk, and reports the verified result.
 * Nothing happens until `open()` or `preload()`.
 */
export function createCheckout(options: CreateCheckoutOptions = {}): Checkout {
  // zustand's vanilla store: the hook and the overlay subscribe to it. Each state replaces
  // the last whole (setState's `true`): the states of the union share few fields.
  const store = createStore<CheckoutState>(() => CLOSED);
  let active: Session | null = null;
  let spare: Session | null = null;
  let opens = 0;
  /** Console errors already given, so each is given once per controller. */
  const reported = new Set<string>();

  const call = <K extends keyof CheckoutCallbacks>(
    name: K,
    value: Parameters<NonNullable<CheckoutCallbacks[K]>>[0],
  ) => {
    try {
      (options[name] as ((value: unknown) => void) | undefined)?.(value);
    } catch (error) {
      console.error(`Lava Checkout: your ${name} callback threw; the checkout goes on.`, error);
    }
  };

  const publish = (s: Session) => {
    if (s !== active) return;
    const { frameUrl, origin } = s.frame;
    store.setState({ ...s.view, frameUrl, origin, openId: s.openId } as CheckoutState, true);
  };

  /** Takes the frame and its overlay off the page. */
  const dismiss = (s: Session) => {
    if (s.removed) return;
    s.removed = true;
    clearTimeout(s.timer);
    clearTimeout(s.endTimer);
    s.overlay?.unmount();
    s.frame.remove();
    s.answered(false);
    if (s === spare) spare = null;
    if (s === active) {
      active = null;
      store.setState(CLOSED, true);
    }
  };

  /** Ends the checkout once: an error keeps the overlay (the page explains), the rest close it. */
  const finish = (s: Session, result: CheckoutResult, keep = result.status === 'error') => {
    if (s.settled) return;
    s.settled = true;
    clearTimeout(s.timer);
    clearTimeout(s.endTimer);
    if (result.status === 'error' && keep) {
      s.view = {
        status: 'failed',
        checkoutSessionId: result.checkoutSessionId,
        error: result.error,
      };
      publish(s);
    } else {
      dismiss(s);
    }
    s.resolve(result);
    // Each callback gets the result without its status.
    const { status, ...value } = result;
    call(CALLBACK_OF[status], value as never);
  };

  const cancel = (s: Session) => finish(s, { status: 'cancel', checkoutSessionId: s.sid });
  const fail = (s: Session, error: CheckoutError, keep?: boolean) =>
    finish(s, { status: 'error', checkoutSessionId: s.sid, error }, keep);

  /** Ends a checkout whose page showed its success screen. */
  const done = (s: Session) => {
    if (s.view.status !== 'success') return;
    const { checkoutSessionId, customerId } = s.view;
    finish(s, { status: 'success', checkoutSessionId, customerId, connectionId: customerId });
  };

  /** The success screen stays for successDelayMs, then the overlay closes and onSuccess runs. */
  const succeed = (s: Session) => {
    s.endTimer = setTimeout(() => done(s), options.successDelayMs ?? 1500);
  };

  /** A frame for this token, or why there can be none. */
  const makeSession = (token: string): Session | CheckoutError => {
    if (typeof document === 'undefined') {
      return {
        code: 'frame_unreachable',
        message: 'Lava Checkout: call open() in a browser, from an event handler or an effect.',
      };
    }
    const decoded = decodeCheckoutToken(token);
    if (!decoded.ok) return { code: 'invalid_token', message: decoded.message };
    const { origin } = decoded.token;
    // Only the checkout services this page names: a token from anywhere else would show another
    // site's page as this site's checkout. Naming none trusts none.
    const trusted = [options.checkoutOrigin ?? [], options.checkoutOrigins ?? []].flat();
    if (!trusted.some((entry) => originOf(entry) === origin)) {
      return {
        code: 'invalid_token',
        message: `Lava Checkout: the token is for ${origin}, which this page does not trust (${trusted.join(', ') || 'no checkoutOrigin is set'}). Set checkoutOrigin to your checkout service's origin.`,
      };
    }
    const s = { view: { status: 'loading' }, sid: null, openId: 0 } as unknown as Session;
    s.promise = new Promise((resolve) => {
      s.resolve = resolve;
    });
    s.ready = new Promise((resolve) => {
      s.answered = resolve;
    });
    // The handshake waits for the overlay's chunk, which loads while the page does.
    // Only the latest load of the page gets a hello: the page takes the first one it sees.
    let loads = 0;
    s.frame = createFrame(token, decoded.token, options.locale, () => {
      const load = ++loads;
      loadOverlay().then(
        ({ connectFrame, receiveFrameMessage }) => {
          if (s.removed || load !== loads) return;
          connectFrame(s.frame, options, reported, (m) => receiveFrameMessage(host, s, m));
        },
        () => {},
      );
    });
    const timeoutMs = options.handshakeTimeoutMs ?? 15_000;
    s.timer = setTimeout(() => {
      // A preloaded frame that never answered is dropped; open() makes a fresh one.
      if (!s.shown) return dismiss(s);
      // The explanation loads with the overlay's chunk, long here by now (if the chunk
      // could not load, show() has already ended the checkout).
      loadOverlay().then(
        ({ unreachableError }) => fail(s, unreachableError(origin, timeoutMs)),
        () => {},
      );
    }, timeoutMs);
    return s;
  };

  const show = (s: Session) => {
    active = s;
    s.shown = true;
    s.openId = ++opens;
    s.returnFocus = document.activeElement;
    publish(s);
    loadOverlay().then(
      ({ checkFrameOptions, mountOverlay }) => {
        if (s !== active || s.removed) return;
        // mountOverlay styles the frame with what this checked.
        checkFrameOptions(s.frame, options, reported);
        s.overlay = mountOverlay(s.frame, {
          getState: store.getState,
          subscribe: store.subscribe,
          close,
          returnFocus: s.returnFocus ?? null,
        });
      },
      (error: unknown) => {
        if (s !== active || s.removed) return;
        fail(
          s,
          {
            code: 'overlay_unavailable',
            message: `Lava Checkout: the overlay did not load (${error}). Serve every file of your build.`,
          },
          false,
        );
      },
    );
    const view = s.view;
    switch (view.status) {
      case 'loading':
        return;
      case 'ready':
        call('onReady', { checkoutSessionId: s.sid });
        if (view.step) call('onStepChange', { checkoutSessionId: s.sid, step: view.step });
        return;
      case 'success':
        succeed(s);
        return;
      case 'failed':
        fail(s, view.error);
        return;
      default:
        view satisfies never;
    }
  };

  const host: SessionHost = {
    isActive: (s) => s === active,
    publish,
    call,
    finish,
    dismiss,
    succeed,
    close,
  };

  function close() {
    const s = active;
    if (!s) return;
    if (s.settled) return dismiss(s);
    switch (s.view.status) {
      case 'success':
        // Closing during the success screen ends it as the success it is.
        return done(s);
      case 'ready':
        if (s.closing) return;
        s.closing = true;
        s.frame.requestClose();
        s.endTimer = setTimeout(() => cancel(s), CLOSE_ANSWER_MS);
        return;
      default:
        return cancel(s);
    }
  }

  return {
    getState: store.getState,
    subscribe: store.subscribe,

    open(token) {
      if (active && !active.settled) {
        console.warn(
          'Lava Checkout: a checkout is open; this open() waits for it. Close it first.',
        );
        return active.promise;
      }
      if (active) dismiss(active);
      let s: Session;
      if (spare && spare.frame.token === token) {
        s = spare;
        spare = null;
      } else {
        if (spare) dismiss(spare);
        const made = makeSession(token);
        if (!('frame' in made)) {
          call('onError', { checkoutSessionId: null, error: made });
          return Promise.resolve({ status: 'error', checkoutSessionId: null, error: made });
        }
        s = made;
      }
      show(s);
      return s.promise;
    },

    preload(token) {
      if (active && !active.settled && active.frame.token === token) return active.ready;
      if (spare?.preloaded && spare.frame.token === token) return spare.preloaded;
      if (spare) dismiss(spare);
      const made = makeSession(token);
      if (!('frame' in made)) return Promise.resolve(false);
      spare = made;
      made.preloaded = Promise.all([
        made.ready,
        loadOverlay().then(
          () => true,
          () => false,
        ),
      ]).then(([ready, loaded]) => ready && loaded);
      return made.preloaded;
    },

    close,

    destroy() {
      if (spare) dismiss(spare);
      const s = active;
      if (!s) return;
      if (s.settled) dismiss(s);
      else cancel(s);
    },
  };
}
