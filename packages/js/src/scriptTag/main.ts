import { addChunkScript } from './addChunkScript.ts';
import { createScriptTagApi, type ScriptTagApi } from './createScriptTagApi.ts';
import { handleDeclarativeButtons } from './handleDeclarativeButtons.ts';

declare global {
  interface Window {
    /** Lava Checkout's script tag (`/js/lava-checkout.js`). */
    LavaCheckout?: ScriptTagApi;
  }
}

// The script tag's entry, built as lava-checkout.js: the one module that acts on load. It
// trusts tokens only for the origin it was served from, unless a call names another.
/** lava-checkout-balance.js's Subresource Integrity hash, put here when the tag is built. */
declare const __LAVA_BALANCE_INTEGRITY__: string;

if (!window.LavaCheckout) {
  const src = (document.currentScript as HTMLScriptElement | null)?.src;
  // The balance badge is a file of its own, added only to pages that show one.
  const addBalance = () => {
    if (src && document.querySelector('[data-lava-balance]')) {
      addChunkScript('lava-checkout-balance.js', src, __LAVA_BALANCE_INTEGRITY__);
    }
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', addBalance);
  else addBalance();
  const api = createScriptTagApi(src ? { checkoutOrigin: new URL(src).origin } : {});
  window.LavaCheckout = api;
  handleDeclarativeButtons(document, api);
}
