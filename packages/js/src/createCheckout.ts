import {
  type CheckoutStep,
  decodeCheckoutToken,
  describeAppearanceProblems,
  type FrameMessage,
  MESSAGE_TYPE,
  validateAppearance,
  validateLocale,
} from '@lava-checkout/protocol';
import { createStore } from 'zustand/vanilla';
import { createFrame, type Frame } from './createFrame.ts';
import { loadOverlay, type Overlay } from './loadOverlay.ts';
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

type View =
  | { status: 'loading' }
  | {
      status: 'ready';
      checkoutSessionId: string | null;
      step: CheckoutStep | null;
      closeRefused: boolean;
    }
  | { status: 'success'; checkoutSessionId: string; customerId: string }
  | { status: 'failed'; checkoutSessionId: string | null; error: CheckoutError };

interface Session {
  frame: Frame;
  view: View;
  sid: string | null;
  openId: number;
  shown: boolean;
  settled: boolean;
  removed: boolean;
  closing: boolean;
  overlay: Overlay | null;
  returnFocus: Element | null;
  timer: ReturnType<typeof setTimeout> | undefined;
  endTimer: ReturnType<typeof setTimeout> | undefined;
  resolve: (result: CheckoutResult) => void;
  promise: Promise<CheckoutResult>;
  answered: (ready: boolean) => void;
  ready: Promise<boolean>;
  preloaded: Promise<boolean> | null;
}

const CLOSED: CheckoutState = { status: 'closed' };
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
  const store = createStore<CheckoutState>(() => CLOSED);
  let active: Session | null = null;
  let spare: Session | null = null;
  let opens = 0;
  const reported = new Set<string>();
  const report = (message: string) => {
    if (reported.has(message)) return;
    reported.add(message);
    console.error(message);
  };

  const call = <K extends keyof CheckoutCallbacks>(
    name: K,
    value: Parameters<NonNullable<CheckoutCallbacks[K]>>[0],
  ) => {
    try {
      (options[name] as ((value: unknown) => void) | undefined)?.(value);
    } catch (error) {
      console.error(
        `Lava Checkout: your ${name} callback threw. The checkout is not affected.`,
        error,
      );
    }
  };

  const publish = (s: Session) => {
    if (s !== active) return;
    const { frameUrl, origin } = s.frame;
    store.setState({ ...s.view, frameUrl, origin, openId: s.openId } as CheckoutState, true);
  };

  /** Takes the frame and its overlay off the page. */
  const dismiss = (s: Session) => {
    s.removed = true;
    clearTimeout(s.timer);
    clearTimeout(s.endTimer);
    s.overlay?.unmount();
    s.overlay = null;
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
    switch (result.status) {
      case 'success': {
        const { status: _, ...success } = result;
        call('onSuccess', success);
        break;
      }
      case 'cancel':
        call('onCancel', { checkoutSessionId: result.checkoutSessionId });
        break;
      case 'error':
        call('onError', { checkoutSessionId: result.checkoutSessionId, error: result.error });
        break;
      default:
        result satisfies never;
    }
  };

  const cancel = (s: Session) => finish(s, { status: 'cancel', checkoutSessionId: s.sid });
  const fail = (s: Session, error: CheckoutError, keep?: boolean) =>
    finish(s, { status: 'error', checkoutSessionId: s.sid, error }, keep);

  /** The success screen stays for successDelayMs, then the overlay closes and onSuccess runs. */
  const succeed = (s: Session) => {
    if (s.view.status !== 'success') return;
    const { checkoutSessionId, customerId } = s.view;
    const done = () =>
      finish(s, { status: 'success', checkoutSessionId, customerId, connectionId: customerId });
    const delay = options.successDelayMs ?? 1500;
    if (delay > 0) s.endTimer = setTimeout(done, delay);
    else done();
  };

  const receive = (s: Session, message: FrameMessage) => {
    if (s.settled || s.removed) return;
    switch (message.type) {
      case MESSAGE_TYPE.ready:
        clearTimeout(s.timer);
        s.sid = message.checkoutSessionId;
        if (s.view.status === 'loading') {
          s.view = { status: 'ready', checkoutSessionId: s.sid, step: null, closeRefused: false };
          publish(s);
          if (s.shown) call('onReady', { checkoutSessionId: s.sid });
        }
        s.answered(true);
        return;
      case MESSAGE_TYPE.step:
        if (s.view.status !== 'ready') return;
        s.view = { ...s.view, step: message.step, closeRefused: false };
        publish(s);
        if (s.shown) call('onStepChange', { checkoutSessionId: s.sid, step: message.step });
        return;
      case MESSAGE_TYPE.success:
        clearTimeout(s.endTimer);
        s.sid = message.checkoutSessionId;
        s.view = { status: 'success', checkoutSessionId: s.sid, customerId: message.customerId };
        publish(s);
        if (s.shown) succeed(s);
        return;
      case MESSAGE_TYPE.cancel:
        s.sid = message.checkoutSessionId ?? s.sid;
        if (s.shown) cancel(s);
        else dismiss(s);
        return;
      case MESSAGE_TYPE.error: {
        s.sid = message.checkoutSessionId ?? s.sid;
        const error: CheckoutError = {
          code: message.code,
          message: `Lava Checkout: the checkout session cannot be used (${message.code}). Mint a new session on your server and open it.`,
        };
        if (s.shown) fail(s, error);
        else s.view = { status: 'failed', checkoutSessionId: s.sid, error };
        return;
      }
      case MESSAGE_TYPE.resize:
        s.frame.iframe.style.height = `${message.height}px`;
        return;
      case MESSAGE_TYPE.closeRequest:
        if (s === active) close();
        return;
      case MESSAGE_TYPE.closeRefused:
        clearTimeout(s.endTimer);
        s.closing = false;
        if (s.view.status !== 'ready') return;
        s.view = { ...s.view, closeRefused: true };
        publish(s);
        return;
      case MESSAGE_TYPE.focusExit:
        s.overlay?.focusClose();
        return;
      default:
        message satisfies never;
    }
  };

  /** A frame for this token, or why there can be none. */
  const makeSession = (token: string): Session | CheckoutError => {
    if (typeof document === 'undefined') {
      return {
        code: 'frame_unreachable',
        message:
          'Lava Checkout: open() and preload() need a browser document. Call them from an event handler or an effect, not while rendering on the server.',
      };
    }
    const decoded = decodeCheckoutToken(token);
    if (!decoded.ok) return { code: 'invalid_token', message: decoded.message };
    const { origin } = decoded.token;
    const trusted = options.checkoutOrigins;
    if (trusted && !trusted.some((entry) => originOf(entry) === origin)) {
      return {
        code: 'invalid_token',
        message: `Lava Checkout: the checkout session token is for ${origin}, which is not in checkoutOrigins (${trusted.join(', ') || 'empty'}). Mint sessions with your checkout service's URL, or add its origin to checkoutOrigins.`,
      };
    }
    const { appearance, problems } = validateAppearance(options.appearance);
    if (problems.length > 0) report(describeAppearanceProblems(problems));
    const locale = options.locale === undefined ? null : validateLocale(options.locale);
    if (options.locale !== undefined && !locale) {
      report(
        `Lava Checkout: the locale ${JSON.stringify(options.locale)} is not a BCP 47 language tag, so the page uses its default language. Pass a tag such as "en-US".`,
      );
    }
    let resolve!: (result: CheckoutResult) => void;
    let answered!: (ready: boolean) => void;
    const s: Session = {
      view: { status: 'loading' },
      sid: null,
      openId: 0,
      shown: false,
      settled: false,
      removed: false,
      closing: false,
      overlay: null,
      returnFocus: null,
      timer: undefined,
      endTimer: undefined,
      resolve: (result) => resolve(result),
      promise: new Promise((r) => {
        resolve = r;
      }),
      answered: (ready) => answered(ready),
      ready: new Promise((r) => {
        answered = r;
      }),
      preloaded: null,
      frame: null as unknown as Frame,
    };
    s.frame = createFrame(token, decoded.token, { appearance, locale }, (m) => receive(s, m));
    const timeoutMs = options.handshakeTimeoutMs ?? 15_000;
    s.timer = setTimeout(() => {
      // A preloaded frame that never answered is dropped; open() makes a fresh one.
      if (!s.shown) return dismiss(s);
      fail(s, {
        code: 'frame_unreachable',
        message: `Lava Checkout: the checkout page at ${origin} did not answer within ${timeoutMs / 1000} s. Check that the checkout service is running, that your Content-Security-Policy allows frame-src ${origin}, and that the session's origin_url is ${globalThis.location?.origin ?? 'this page'}.`,
      });
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
      ({ mountOverlay }) => {
        if (s !== active || s.removed) return;
        s.overlay = mountOverlay(s.frame, {
          getState: store.getState,
          subscribe: store.subscribe,
          close,
          returnFocus: s.returnFocus,
        });
      },
      (error: unknown) => {
        if (s !== active || s.removed) return;
        fail(
          s,
          {
            code: 'overlay_unavailable',
            message: `Lava Checkout: the overlay's code could not be loaded (${String(error)}). Check the network, and that your site serves every chunk of its build.`,
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

  function close() {
    const s = active;
    if (!s) return;
    if (s.settled) return dismiss(s);
    switch (s.view.status) {
      case 'success':
        // Closing during the success screen ends it as the success it is.
        return finish(s, {
          status: 'success',
          checkoutSessionId: s.view.checkoutSessionId,
          customerId: s.view.customerId,
          connectionId: s.view.customerId,
        });
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
          'Lava Checkout: open() was called while a checkout is open. Close it first; this call waits for the open one.',
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
