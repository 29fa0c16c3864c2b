import type { Appearance, FocusEdge } from '@lava-checkout/protocol';
import type { CheckoutToken } from '@lava-checkout/protocol/token';

/** The DOM of one checkout frame, and the port its page answered on. */
export interface Frame {
  readonly token: string;
  readonly origin: string;
  readonly frameUrl: string;
  /**
   * Only messages carrying this frame's nonce count. Made by its first handshake, in the
   * overlay's chunk; empty until then, when no message counts (there is no port to hear on).
   */
  nonce: string;
  /** The checked appearance, set by `checkFrameOptions` in the overlay's chunk. */
  appearance: Appearance;
  /** The checked locale; `undefined` until the options are checked. */
  locale?: string | null;
  /** The port handed to the page in the latest hello. */
  port: MessagePort | null;
  /** `<lava-checkout>`, appended to `document.body`; its shadow root holds the rest. */
  readonly host: HTMLElement;
  readonly root: ShadowRoot;
  /** Closed (hidden) until the overlay shows it with `showModal()`. */
  readonly dialog: HTMLDialogElement;
  readonly panel: HTMLDivElement;
  readonly iframe: HTMLIFrameElement;
  /**
   * Asks the page to close: it answers `cancel`, or `close-refused` while paying. The
   * handshake gives it its message; before it, the page has no port and this does nothing.
   */
  requestClose(): void;
  /**
   * Moves keyboard focus into the frame, at its first or last field once the handshake has
   * given it its message (before it, into the frame's page, whose own Tab order then applies).
   */
  enter(edge: FocusEdge): void;
  remove(): void;
}

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes?: Record<string, string>,
): HTMLElementTagNameMap[K];
function element(tag: string, attributes?: Record<string, string>): HTMLElement;
function element(tag: string, attributes: Record<string, string> = {}): HTMLElement {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  return node;
}

/**
 * Makes the checkout's iframe at once, inside a closed `<dialog>` in a shadow root, so its
 * request starts in the same task as `open()` and no overlay code has to load first. The
 * overlay later shows this dialog around it: the iframe is never moved, which would reload
 * it. The shadow root keeps the merchant's CSS for `dialog`, `div`, `iframe` and `button`
 * away from all of it. `onLoad` runs on each load of the page, to hand it a fresh port.
 */
export function createFrame(
  token: string,
  { origin, frameUrl }: CheckoutToken,
  locale: string | undefined,
  onLoad: () => void,
): Frame {
  const host = element('lava-checkout');
  // Inline !important outranks any stylesheet rule, and `all: initial` stops the page's
  // inherited styles (colour, font, visibility) at the shadow root. Set through the CSSOM,
  // which a Content-Security-Policy without 'unsafe-inline' allows (a style attribute is not).
  host.style.cssText = 'all:initial!important;display:contents!important';
  const root = host.attachShadow({ mode: 'open' });
  const dialog = element('dialog', { 'aria-label': 'Checkout' });
  // Out of focus and the accessibility tree until the overlay shows it, and laid out off
  // screen rather than not at all, even before the overlay's stylesheet arrives: a browser
  // gives a frame that is not displayed less of the machine while its page loads.
  dialog.inert = true;
  dialog.style.cssText = 'display:block;position:fixed;transform:translateX(-300vw)';
  const panel = element('div');
  const iframe = element('iframe', {
    title: 'Checkout',
    // Payment Request for wallets, and WebOTP: the page may offer the texted code itself.
    allow: 'payment; otp-credentials',
    referrerpolicy: 'no-referrer',
    sandbox: 'allow-forms allow-scripts allow-same-origin allow-popups',
  });
  // The address before the element joins the page: an iframe that joins without one loads
  // about:blank first, and that load would take the handshake meant for the checkout.
  // The locale rides along for the first step the service renders (which checks it); the
  // handshake carries it, checked here, for everything after.
  iframe.src = locale ? `${frameUrl}?locale=${encodeURIComponent(locale)}` : frameUrl;
  iframe.onload = onLoad;
  panel.append(iframe);
  dialog.append(panel);
  root.append(dialog);
  document.body.append(host);

  const frame: Frame = {
    token,
    origin,
    frameUrl,
    nonce: '',
    appearance: {},
    port: null,
    host,
    root,
    dialog,
    panel,
    iframe,
    requestClose() {},
    enter: () => iframe.focus(),
    remove() {
      frame.port?.close();
      frame.port = null;
      host.remove();
    },
  };
  return frame;
}
