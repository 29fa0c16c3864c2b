import { resolveTheme } from '@lava-checkout/protocol';
import type { Frame } from '../createFrame.ts';
import type { CheckoutState } from '../types.ts';
import { OVERLAY_CSS } from './overlayStyles.ts';

/** What the overlay needs from its controller. */
export interface OverlayControls {
  getState(): CheckoutState;
  subscribe(listener: (state: CheckoutState) => void): () => void;
  /** Asks to close (the close button, Escape). */
  close(): void;
  /** Where focus goes back when the overlay closes: what had it when `open()` was called. */
  returnFocus: Element | null;
}

export interface Overlay {
  /** Focus leaves the frame (Tab past its last field, Shift+Tab before its first). */
  focusClose(): void;
  unmount(): void;
}

let sheet: CSSStyleSheet | undefined;

const make = <K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string>,
) => {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  return node;
};

/**
 * Lays the dialog over the screen the customer sees: the visual viewport. On a phone, a page
 * wider than the screen (a wide table) makes the layout viewport that `position: fixed` covers
 * wider than the screen, and zooming in shows only part of it: covering the layout viewport
 * would leave part of the checkout off screen.
 */
export function fitToScreen(dialog: HTMLDialogElement): void {
  const screen = window.visualViewport;
  const width = screen?.width ?? window.innerWidth;
  if (screen) {
    for (const [name, value] of [
      ['--x', screen.offsetLeft],
      ['--y', screen.offsetTop],
      ['--w', width],
      ['--h', screen.height],
    ] as const) {
      dialog.style.setProperty(name, `${value}px`);
    }
  }
  dialog.toggleAttribute('data-narrow', width < 480);
}

/**
 * Gives a frame's shadow root the overlay's stylesheet and the appearance's theme and panel
 * colour: before the overlay shows, so a preloaded frame is laid out as it will be seen.
 */
export function styleFrame({ root, dialog, appearance }: Frame): void {
  if (!sheet) {
    // A constructed sheet, not a <style>: a merchant CSP without 'unsafe-inline' allows it.
    sheet = new CSSStyleSheet();
    sheet.replaceSync(OVERLAY_CSS);
  }
  root.adoptedStyleSheets = [sheet];
  // The stylesheet takes over from the placement createFrame gave the closed dialog.
  dialog.style.cssText = '';
  fitToScreen(dialog);
  dialog.dataset.theme = resolveTheme(appearance);
  const background = appearance.variables?.colorBackground;
  if (background) dialog.style.setProperty('--lava-panel', background);
}

/**
 * Shows the frame's dialog as a modal (`showModal()`: the top layer, the rest of the page
 * inert) with a "Close checkout" button, a loading indicator and the notices, and returns
 * focus when it closes. The iframe stays where the controller made it. The frame shows from
 * the start: the loading indicator lies under it, seen only until the page paints its first
 * step (which the service sent as HTML), so the customer can read and type while the
 * handshake carries on behind.
 */
export function mountOverlay(frame: Frame, controls: OverlayControls): Overlay {
  const { dialog, panel } = frame;
  styleFrame(frame);
  // The customer's account page (openAccount) shares this overlay: it is named for what it shows.
  const account = frame.frameUrl.includes('/embed/account/');
  if (account) {
    dialog.setAttribute('aria-label', 'Account');
    frame.iframe.title = 'Account';
  }

  const closeButton = make('button', {
    type: 'button',
    'aria-label': account ? 'Close account' : 'Close checkout',
    autofocus: '',
  });
  closeButton.textContent = '×';
  const status = make('p', { role: 'status' });
  const alert = make('p', { role: 'alert' });
  const spinner = make('span', { 'aria-hidden': 'true' });
  panel.prepend(closeButton);
  panel.append(status, alert);

  let entered = false;
  let unmounting = false;
  const render = (state: CheckoutState) => {
    if (state.status === 'closed') return;
    const unreachable = state.status === 'failed' && state.error.code === 'frame_unreachable';
    const refused = state.status === 'ready' && state.closeRefused;
    dialog.dataset.status = state.status;
    dialog.toggleAttribute('data-unreachable', unreachable);
    if (state.status === 'loading') {
      status.replaceChildren(spinner, account ? 'Loading your account…' : 'Loading checkout…');
    } else if (refused) {
      status.textContent =
        'Your payment is being processed. You can close the checkout once it is done.';
    } else status.textContent = '';
    status.toggleAttribute('data-banner', refused);
    status.hidden = !status.textContent;
    alert.textContent = unreachable
      ? 'The checkout could not be loaded. Close it and try again.'
      : '';
    alert.hidden = !unreachable;
    if (state.status === 'ready' && !entered) {
      // The page takes focus on its first field once the handshake is done, unless the
      // customer is already in it: the page shows, and takes typing, before that.
      entered = true;
      if (frame.root.activeElement !== frame.iframe) frame.enter('first');
    }
  };

  closeButton.addEventListener('click', () => controls.close());
  closeButton.addEventListener('keydown', (event) => {
    if (event.key !== 'Tab') return;
    // Tab order in the dialog is: close button, the frame's fields, back to the button.
    event.preventDefault();
    if (dialog.hasAttribute('data-unreachable')) return;
    frame.enter(event.shiftKey ? 'last' : 'first');
  });
  // Escape while focus is on the overlay itself: ask, as the close button does.
  dialog.addEventListener('cancel', (event) => {
    event.preventDefault();
    controls.close();
  });
  // A browser may close a modal on a repeated Escape without asking; keep it until we end.
  dialog.addEventListener('close', () => {
    if (unmounting || !frame.host.isConnected) return;
    dialog.showModal();
    controls.close();
  });

  const html = document.documentElement;
  const overflow = html.style.overflow;
  html.style.overflow = 'hidden';
  // The screen moves under a fixed overlay as the customer zooms, pans or turns the phone.
  const fit = () => fitToScreen(dialog);
  fit();
  window.visualViewport?.addEventListener('resize', fit);
  window.visualViewport?.addEventListener('scroll', fit);
  const unsubscribe = controls.subscribe(render);
  // Chromium tells a frame from another site that it is on screen when this page renders; a
  // frame that believes it is hidden does not paint. While the overlay waits, nothing here
  // changes (the spinner turns on the compositor), so ask for a rendering each animation frame
  // until the page is ready: its first step then paints as soon as it loads.
  const renderWhileLoading = () => {
    if (!unmounting && controls.getState().status === 'loading') {
      requestAnimationFrame(renderWhileLoading);
    }
  };
  requestAnimationFrame(renderWhileLoading);
  render(controls.getState());
  dialog.inert = false;
  dialog.showModal();

  return {
    focusClose: () => closeButton.focus(),
    unmount() {
      unmounting = true;
      unsubscribe();
      window.visualViewport?.removeEventListener('resize', fit);
      window.visualViewport?.removeEventListener('scroll', fit);
      if (dialog.open) dialog.close();
      html.style.overflow = overflow;
      const target = controls.returnFocus as HTMLElement | null;
      if (target?.isConnected) target.focus?.({ preventScroll: true });
    },
  };
}
