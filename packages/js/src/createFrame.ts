import {
  type Appearance,
  type CheckoutToken,
  createNonce,
  type FocusEdge,
  type FrameMessage,
  type HelloMessage,
  MESSAGE_TYPE,
  PROTOCOL_VERSION,
  parseFrameMessage,
} from '@lava-checkout/protocol';

/** The DOM of one checkout frame, and its verified channel. */
export interface Frame {
  readonly token: string;
  readonly origin: string;
  readonly frameUrl: string;
  readonly appearance: Appearance;
  /** `<lava-checkout>`, appended to `document.body`; its shadow root holds the rest. */
  readonly host: HTMLElement;
  readonly root: ShadowRoot;
  /** Closed (hidden) until the overlay shows it with `showModal()`. */
  readonly dialog: HTMLDialogElement;
  readonly panel: HTMLDivElement;
  readonly iframe: HTMLIFrameElement;
  /** Asks the page to close: it answers `cancel`, or `close-refused` while paying. */
  requestClose(): void;
  /** Moves keyboard focus into the frame, at its first or last field. */
  enter(edge: FocusEdge): void;
  remove(): void;
}

export interface FrameHello {
  appearance: Appearance;
  locale: string | null;
}

const element = <K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string>,
): HTMLElementTagNameMap[K] => {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  return node;
};

/**
 * Makes the checkout's iframe at once, inside a closed `<dialog>` in a shadow root, so its
 * request starts in the same task as `open()` and no overlay code has to load first. The
 * overlay later shows this dialog around it: the iframe is never moved, which would reload
 * it. The shadow root keeps the merchant's CSS for `dialog`, `div`, `iframe` and `button`
 * away from all of it.
 *
 * On each load of the iframe it sends `hello` with a fresh port and the nonce to the exact
 * origin of the token's base; messages count only when they arrive on that port, parse, and
 * carry the nonce.
 */
export function createFrame(
  token: string,
  { origin, frameUrl }: CheckoutToken,
  hello: FrameHello,
  onMessage: (message: FrameMessage) => void,
): Frame {
  const nonce = createNonce();
  let port: MessagePort | null = null;

  const host = document.createElement('lava-checkout');
  // Inline !important outranks any stylesheet rule, and `all: initial` stops the page's
  // inherited styles (colour, font, visibility) at the shadow root.
  host.setAttribute('style', 'all:initial!important;display:contents!important');
  const root = host.attachShadow({ mode: 'open' });
  const dialog = element('dialog', { 'aria-label': 'Checkout' });
  const panel = element('div', { part: 'panel' });
  const iframe = element('iframe', {
    title: 'Checkout',
    allow: 'payment',
    referrerpolicy: 'no-referrer',
    sandbox: 'allow-forms allow-scripts allow-same-origin allow-popups',
  });

  const send = (message: { type: string; edge?: FocusEdge }) =>
    port?.postMessage({ v: PROTOCOL_VERSION, nonce, ...message });

  iframe.addEventListener('load', () => {
    port?.close();
    const channel = new MessageChannel();
    port = channel.port1;
    port.onmessage = (event) => {
      const message = parseFrameMessage(event.data);
      if (message && message.nonce === nonce) onMessage(message);
    };
    const message: HelloMessage = { v: PROTOCOL_VERSION, type: MESSAGE_TYPE.hello, nonce };
    if (hello.appearance.theme || hello.appearance.variables) {
      message.appearance = hello.appearance;
    }
    if (hello.locale) message.locale = hello.locale;
    iframe.contentWindow?.postMessage(message, origin, [channel.port2]);
  });

  panel.append(iframe);
  dialog.append(panel);
  root.append(dialog);
  document.body.append(host);
  iframe.src = frameUrl;

  return {
    token,
    origin,
    frameUrl,
    appearance: hello.appearance,
    host,
    root,
    dialog,
    panel,
    iframe,
    requestClose: () => send({ type: MESSAGE_TYPE.close }),
    enter(edge) {
      iframe.focus();
      send({ type: MESSAGE_TYPE.focus, edge });
    },
    remove() {
      port?.close();
      port = null;
      host.remove();
    },
  };
}
