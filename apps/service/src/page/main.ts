import { LOAD_ERROR_ELEMENT_ID, WAITS_FOR_SCRIPT_ATTRIBUTE } from '../shared/PageBootstrap.ts';
import { applyAppearance } from './applyAppearance.ts';
import { createFrameBridge } from './createFrameBridge.ts';
import { firstStep } from './firstStep.ts';
import { focusFieldOnArrival } from './focusFieldOnArrival.ts';
import { forwardKeysToParent } from './forwardKeysToParent.ts';
import { holdEarlyActions } from './holdEarlyActions.ts';
import { readBootstrap } from './readBootstrap.ts';
import { reportContentHeight } from './reportContentHeight.ts';
import './styles.css';

// The page's entry: the one place that touches the window at load. It is small on purpose.
// The service rendered the session's first step into the page, which takes typing before any
// script runs; this answers the SDK's handshake (so the checkout is "ready" once that step is
// on screen), and loads the rest of the page after the first paint, which then takes over.
const bootstrap = readBootstrap(document);
const readAt = Date.now();
const bridge = createFrameBridge({
  window,
  originUrl: bootstrap.status === 'invalid' ? null : bootstrap.originUrl,
  checkoutSessionId: bootstrap.status === 'invalid' ? null : bootstrap.checkoutSessionId,
  standalone: bootstrap.standalone === true,
});
// The SDK's hello carries the merchant's appearance: apply it as soon as it arrives.
bridge.subscribe((mode) => {
  if (mode === 'connected') applyAppearance(document, bridge.appearance());
});
if (bootstrap.status === 'active') bridge.step(firstStep(bootstrap));
focusFieldOnArrival(window, bridge);
forwardKeysToParent(window, bridge);
reportContentHeight(window, bridge);

const root = document.getElementById('root');
if (root) {
  const held = holdEarlyActions(root);
  // What the buttons of the server's step do is held from now on: they may be pressed.
  for (const button of root.querySelectorAll<HTMLButtonElement>(
    `[${WAITS_FOR_SCRIPT_ATTRIBUTE}]`,
  )) {
    button.disabled = false;
    button.removeAttribute(WAITS_FOR_SCRIPT_ATTRIBUTE);
  }
  const secret = decodeURIComponent(window.location.pathname.split('/').pop() ?? '');
  let started = false;
  const start = () => {
    if (started) return;
    started = true;
    const load = () => import('./takeOver.tsx');
    // Once more after a second, for a connection that dropped a request.
    load()
      .catch(() => new Promise((retry) => setTimeout(retry, 1000)).then(load))
      .then(
        async ({ takeOver }) => {
          await held.settled();
          takeOver({ root, bootstrap, readAt, bridge, secret, held });
        },
        (error: unknown) => {
          console.error(
            `Lava Checkout: the checkout page's code did not load (${error}). Check that the service serves every file of dist/page.`,
          );
          // The step cannot be used: say so, and take nothing more in.
          for (const control of root.querySelectorAll('input, select, button')) {
            (control as HTMLInputElement).disabled = true;
          }
          const alert = document.getElementById(LOAD_ERROR_ELEMENT_ID);
          if (alert) alert.textContent = alert.dataset.message ?? '';
        },
      );
  };
  // After the load event (so the handshake never waits for this) and the next paint. A
  // preloaded frame kept off screen may get no animation frames: the timer starts it anyway.
  const afterLoad = () => {
    requestAnimationFrame(() => setTimeout(start));
    setTimeout(start, 100);
  };
  if (document.readyState === 'complete') afterLoad();
  else window.addEventListener('load', afterLoad, { once: true });
}
