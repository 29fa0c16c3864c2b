import {
  type Appearance,
  type CheckoutStep,
  describeAppearanceProblems,
  type FocusDirection,
  type FocusEdge,
  type FrameErrorCode,
  type FrameMessage,
  legacyCancelMessage,
  legacySuccessMessage,
  MESSAGE_TYPE,
  PROTOCOL_VERSION,
  parseHelloMessage,
  parseParentMessage,
  validateAppearance,
} from '@lava-checkout/protocol';

/** How the page talks to whoever embeds it. */
export type BridgeMode =
  /** Waiting for the parent's handshake. */
  | 'pending'
  /** An SDK of this protocol sent `hello`; we talk over its port. */
  | 'connected'
  /** No handshake came: an older client (the published hook), spoken to with legacy messages. */
  | 'legacy'
  /** The page was opened on its own, top-level: there is nobody to talk to. */
  | 'standalone';

export interface FrameBridge {
  mode(): BridgeMode;
  subscribe(listener: (mode: BridgeMode) => void): () => void;
  step(step: CheckoutStep): void;
  /** Terminal: at most one of success, cancel and error is ever sent. */
  success(customerId: string): void;
  cancel(): void;
  error(code: FrameErrorCode): void;
  /** The appearance the SDK sent in its hello (checked), or `null` before or without one. */
  appearance(): Appearance | null;
  /** The customer's BCP 47 locale from the hello, for the page's translations, or `null`. */
  locale(): string | null;
  /** The page's content height in CSS pixels; sent on connection and on every change. */
  resize(height: number): void;
  /**
   * Asks the SDK to close the overlay (Escape, a button back to the merchant). An older client
   * without a handshake hears a cancel, the one ending it knows, unless it heard one already.
   */
  requestClose(): void;
  /** Keyboard focus is leaving the page, backwards or forwards. */
  focusExit(direction: FocusDirection): void;
  /** Calls the listener when the overlay moves keyboard focus into the page. */
  onFocusEnter(listener: (edge: FocusEdge) => void): () => void;
  dispose(): void;
}

type Terminal =
  | { type: 'success'; customerId: string }
  | { type: 'cancel' }
  | { type: 'error'; code: FrameErrorCode };

export interface CreateFrameBridgeOptions {
  window: Window;
  /** The session's merchant origin: the only origin whose hello counts, and the only target. */
  originUrl: string | null;
  checkoutSessionId: string | null;
  /** How long to wait for a handshake before speaking the legacy protocol. @default 1500 */
  legacyAfterMs?: number;
  /** The standalone page: it waits for no handshake and posts nothing. @default false */
  standalone?: boolean;
}

/**
 * The frame's end of the protocol. Takes the first `hello` that comes from `window.parent`
 * and the session's origin, answers `ready` over the transferred port, and from then on
 * sends only over that port. Without a handshake it falls back to the legacy messages,
 * posted to `window.parent` with the session's origin as target, never `*`.
 */
export function createFrameBridge(options: CreateFrameBridgeOptions): FrameBridge {
  const { window: win, originUrl, checkoutSessionId } = options;
  const framed = win.parent !== win;
  const listeners = new Set<(mode: BridgeMode) => void>();
  const focusListeners = new Set<(edge: FocusEdge) => void>();
  let appearance: Appearance | null = null;
  let locale: string | null = null;
  let lastHeight: number | null = null;
  let mode: BridgeMode = options.standalone ? 'standalone' : framed ? 'pending' : 'legacy';
  let port: MessagePort | null = null;
  let nonce = '';
  let lastStep: CheckoutStep | null = null;
  let terminal: Terminal | null = null;
  let terminalSent = false;

  const setMode = (next: BridgeMode) => {
    mode = next;
    for (const listener of listeners) listener(next);
  };

  const post = (message: FrameMessage) => port?.postMessage(message);

  /** Sends the ending once. Legacy clients know no error message: an error waits for a late handshake. */
  const flush = () => {
    if (!terminal || terminalSent || mode === 'pending') return;
    if (mode === 'connected') {
      terminalSent = true;
      const base = { v: PROTOCOL_VERSION, nonce, checkoutSessionId } as const;
      if (terminal.type === 'success' && checkoutSessionId) {
        post({
          ...base,
          checkoutSessionId,
          type: MESSAGE_TYPE.success,
          customerId: terminal.customerId,
        });
      } else if (terminal.type === 'cancel') {
        post({ ...base, type: MESSAGE_TYPE.cancel });
      } else if (terminal.type === 'error') {
        post({ ...base, type: MESSAGE_TYPE.error, code: terminal.code });
      }
      return;
    }
    if (mode === 'standalone' || !framed || !originUrl) return;
    if (terminal.type === 'success' && checkoutSessionId) {
      terminalSent = true;
      win.parent.postMessage(
        legacySuccessMessage(checkoutSessionId, terminal.customerId),
        originUrl,
      );
    } else if (terminal.type === 'cancel') {
      terminalSent = true;
      win.parent.postMessage(legacyCancelMessage(checkoutSessionId), originUrl);
    }
  };

  /** The SDK asks to close (button, Escape, close()): refused only while a payment processes. */
  const onParentMessage = (event: MessageEvent) => {
    const message = parseParentMessage(event.data);
    if (!message || message.nonce !== nonce) return;
    switch (message.type) {
      case MESSAGE_TYPE.close:
        if (terminal) return;
        if (lastStep === 'processing') {
          post({ v: PROTOCOL_VERSION, type: MESSAGE_TYPE.closeRefused, nonce });
        } else {
          end({ type: 'cancel' });
        }
        return;
      case MESSAGE_TYPE.focus:
        for (const listener of focusListeners) listener(message.edge);
        return;
      default:
        message satisfies never;
    }
  };

  const onMessage = (event: MessageEvent) => {
    // A hello still counts after the legacy fallback: a busy parent may answer late.
    if (mode === 'connected' || mode === 'standalone' || event.source !== win.parent) return;
    if (originUrl !== null && event.origin !== originUrl) return;
    const hello = parseHelloMessage(event.data);
    const helloPort = event.ports[0];
    if (!hello || !helloPort) return;
    // The SDK checks the appearance too; a value refused here came from another client.
    const { problems } = validateAppearance((event.data as { appearance?: unknown }).appearance);
    if (problems.length > 0) console.error(describeAppearanceProblems(problems));
    appearance = hello.appearance ?? null;
    locale = hello.locale ?? null;
    port = helloPort;
    port.onmessage = onParentMessage;
    nonce = hello.nonce;
    win.clearTimeout(legacyTimer);
    setMode('connected');
    post({ v: PROTOCOL_VERSION, type: MESSAGE_TYPE.ready, nonce, checkoutSessionId });
    if (lastStep) post({ v: PROTOCOL_VERSION, type: MESSAGE_TYPE.step, nonce, step: lastStep });
    if (lastHeight !== null) {
      post({ v: PROTOCOL_VERSION, type: MESSAGE_TYPE.resize, nonce, height: lastHeight });
    }
    flush();
  };

  win.addEventListener('message', onMessage);
  const legacyTimer = win.setTimeout(() => {
    if (mode !== 'pending') return;
    setMode('legacy');
    flush();
  }, options.legacyAfterMs ?? 1500);

  const end = (next: Terminal) => {
    if (terminal) return;
    terminal = next;
    flush();
  };

  return {
    mode: () => mode,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    step(step) {
      if (terminal || step === lastStep) return;
      lastStep = step;
      if (mode === 'connected') post({ v: PROTOCOL_VERSION, type: MESSAGE_TYPE.step, nonce, step });
    },
    success: (customerId) => end({ type: 'success', customerId }),
    cancel: () => end({ type: 'cancel' }),
    error: (code) => end({ type: 'error', code }),
    appearance: () => appearance,
    locale: () => locale,
    resize(height) {
      const rounded = Math.max(0, Math.ceil(height));
      if (rounded === lastHeight) return;
      lastHeight = rounded;
      if (mode === 'connected') {
        post({ v: PROTOCOL_VERSION, type: MESSAGE_TYPE.resize, nonce, height: rounded });
      }
    },
    requestClose() {
      if (mode === 'connected') {
        post({ v: PROTOCOL_VERSION, type: MESSAGE_TYPE.closeRequest, nonce });
      } else if (mode === 'legacy' && !terminalSent) {
        // An error (a session that ended) is never told to a legacy client: it hears this.
        terminal = { type: 'cancel' };
        flush();
      }
    },
    focusExit(direction) {
      if (mode === 'connected') {
        post({ v: PROTOCOL_VERSION, type: MESSAGE_TYPE.focusExit, nonce, direction });
      }
    },
    onFocusEnter(listener) {
      focusListeners.add(listener);
      return () => focusListeners.delete(listener);
    },
    dispose() {
      win.removeEventListener('message', onMessage);
      win.clearTimeout(legacyTimer);
      port?.close();
      listeners.clear();
      focusListeners.clear();
    },
  };
}
