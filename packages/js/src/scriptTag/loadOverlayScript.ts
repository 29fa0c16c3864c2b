import type { loadOverlay as loadOverlayModule } from '../loadOverlay.ts';
import { addChunkScript } from './addChunkScript.ts';

type OverlayChunk = Awaited<ReturnType<typeof loadOverlayModule>>;

declare global {
  interface Window {
    /** Set by lava-checkout-overlay.js, the script tag's overlay chunk. */
    LavaCheckoutOverlay?: OverlayChunk;
  }
}

/** The overlay chunk's Subresource Integrity hash, put here when the tag is built. */
declare const __LAVA_OVERLAY_INTEGRITY__: string;

// The script-tag build's stand-in for loadOverlay.ts: a tag cannot import() a chunk, so it
// adds lava-checkout-overlay.js (next to itself, pinned by its hash) as a script. Read while
// the tag runs, when currentScript is the tag.
const tagSrc = (document.currentScript as HTMLScriptElement | null)?.src || location.href;
let loading: Promise<OverlayChunk> | null = null;

export function loadOverlay(): Promise<OverlayChunk> {
  loading ??= new Promise<OverlayChunk>((resolve, reject) => {
    const script = addChunkScript('lava-checkout-overlay.js', tagSrc, __LAVA_OVERLAY_INTEGRITY__);
    const fail = () => {
      loading = null;
      script.remove();
      reject(new Error(`${script.src} did not load`));
    };
    script.onload = () =>
      window.LavaCheckoutOverlay ? resolve(window.LavaCheckoutOverlay) : fail();
    script.onerror = fail;
  });
  return loading;
}
