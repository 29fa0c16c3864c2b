/**
 * Adds one of the script tag's chunk files (`lava-checkout-overlay.js`, `lava-checkout-balance.js`),
 * served next to the tag at `tagSrc`, pinned by its Subresource Integrity hash.
 */
export function addChunkScript(name: string, tagSrc: string, integrity: string): HTMLScriptElement {
  const script = document.createElement('script');
  script.src = new URL(name, tagSrc).href;
  script.integrity = integrity;
  script.crossOrigin = 'anonymous';
  document.head.append(script);
  return script;
}
