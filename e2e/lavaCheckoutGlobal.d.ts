import type { ScriptTagApi } from '../packages/js/src/scriptTag/createScriptTagApi.ts';

declare global {
  interface Window {
    /** The script tag's API, on the demo's script-tag pages. */
    LavaCheckout?: ScriptTagApi;
  }
}
