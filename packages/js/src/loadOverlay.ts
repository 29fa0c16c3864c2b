export type { Overlay, OverlayControls } from './overlay/overlayChunk.ts';

type OverlayChunk = typeof import('./overlay/overlayChunk.ts');
let loading: Promise<OverlayChunk> | null = null;

/**
 * The handshake and the overlay, as a chunk of their own: merchant pages pay for them on
 * `preload()` or the first `open()`, not on load. Loaded once per page; a failed load is
 * tried again next time.
 */
export function loadOverlay(): Promise<OverlayChunk> {
  loading ??= import('./overlay/overlayChunk.ts').catch((error: unknown) => {
    loading = null;
    throw error;
  });
  return loading;
}
