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
if (!window.LavaCheckout) {
  const src = (document.currentScript as HTMLScriptElement | null)?.src;
  const api = createScriptTagApi(src ? { checkoutOrigin: new URL(src).origin } : {});
  window.LavaCheckout = api;
  handleDeclarativeButtons(document, api);
}
