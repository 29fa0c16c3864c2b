import type { Overlay, OverlayControls } from './overlay/mountOverlay.ts';

export type { Overlay, OverlayControls };

let loading: Promise<typeof import('./overlay/mountOverlay.ts')> | null = null;

/**
 * The overlay's code, as a chunk of its own: merchant pages pay for it on `preload()` or the
 * first `open()`, not on load. Loaded once per page; a failed load is tried again next time.
 */
export function loadOverlay(): Promise<typeof import('./overlay/mountOverlay.ts')> {
  loading ??= import('./overlay/mountOverlay.ts').catch((error: unknown) => {
    loading = null;
    throw error;
  });
  return loading;
}
