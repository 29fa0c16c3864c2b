import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { applyAppearance } from './applyAppearance.ts';
import { CheckoutPage } from './CheckoutPage.tsx';
import { createCheckoutApi } from './createCheckoutApi.ts';
import { createFrameBridge } from './createFrameBridge.ts';
import { focusFieldOnArrival } from './focusFieldOnArrival.ts';
import { forwardKeysToParent } from './forwardKeysToParent.ts';
import { readBootstrap } from './readBootstrap.ts';
import { reportContentHeight } from './reportContentHeight.ts';
import './styles.css';

// The page's entry: the one place that touches the window at load. The bridge listens for
// the parent's handshake before React renders, so an early hello is never missed.
const bootstrap = readBootstrap(document);
const bridge = createFrameBridge({
  window,
  originUrl: bootstrap.status === 'invalid' ? null : bootstrap.originUrl,
  checkoutSessionId: bootstrap.status === 'invalid' ? null : bootstrap.checkoutSessionId,
});
// The SDK's hello carries the merchant's appearance: apply it as soon as it arrives.
bridge.subscribe((mode) => {
  if (mode === 'connected') applyAppearance(document, bridge.appearance());
});
focusFieldOnArrival(window, bridge);
forwardKeysToParent(window, bridge);
reportContentHeight(window, bridge);
const secret = decodeURIComponent(window.location.pathname.split('/').pop() ?? '');
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <CheckoutPage bootstrap={bootstrap} bridge={bridge} api={createCheckoutApi(secret)} />
    </StrictMode>,
  );
}
