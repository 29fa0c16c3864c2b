import type { AccountBootstrap } from '../../shared/accountContract.ts';
import { BOOTSTRAP_ELEMENT_ID } from '../../shared/PageBootstrap.ts';
import { applyAppearance } from '../applyAppearance.ts';
import { createFrameBridge } from '../createFrameBridge.ts';
import { forwardKeysToParent } from '../forwardKeysToParent.ts';
import { listTabbables } from '../listTabbables.ts';
import { reportContentHeight } from '../reportContentHeight.ts';
import '../styles.css';
import './account.css';
import { renderAccount } from './renderAccount.tsx';

// The account page's entry: the one place that touches the window at load. It answers the SDK's
// handshake at once (the overlay is the checkout's: same protocol, no checkout session), applies
// the merchant's appearance when it arrives, and renders the account the service inlined.
const readBootstrap = (): AccountBootstrap => {
  try {
    const data = JSON.parse(document.getElementById(BOOTSTRAP_ELEMENT_ID)?.textContent ?? 'null');
    return data && typeof data === 'object' && 'status' in data
      ? (data as AccountBootstrap)
      : { status: 'invalid', originUrl: null };
  } catch {
    return { status: 'invalid', originUrl: null };
  }
};

const bootstrap = readBootstrap();
const bridge = createFrameBridge({
  window,
  originUrl: bootstrap.originUrl,
  checkoutSessionId: null,
});
bridge.subscribe((mode) => {
  if (mode === 'connected') applyAppearance(document, bridge.appearance());
});
applyAppearance(document, null);
// The overlay moves focus in: to the page's first control (its Close), or with Shift+Tab its last.
bridge.onFocusEnter((edge) => {
  const tabbables = listTabbables(document);
  (edge === 'last' ? tabbables.at(-1) : tabbables[0])?.focus();
});
forwardKeysToParent(window, bridge);
reportContentHeight(window, bridge);

const root = document.getElementById('root');
if (root) {
  const secret = decodeURIComponent(window.location.pathname.split('/').pop() ?? '');
  renderAccount({ root, bootstrap, bridge, secret });
}
