import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defaultClientConditions, defineConfig } from 'vite';

const dist = fileURLToPath(new URL('./dist/', import.meta.url));

/**
 * The script tag, as two self-contained IIFE files that the checkout service serves under
 * /js/: `lava-checkout.js` (the controller and the declarative buttons, what every page
 * loads) and `lava-checkout-overlay.js` (the handshake and the overlay, which the tag adds on
 * the first open() or preload(), pinned by its Subresource Integrity hash). Build the
 * overlay first (`--mode overlay`), then the tag (`--mode tag`), which embeds that hash.
 */
export default defineConfig(({ mode }) => {
  const overlay = mode === 'overlay';
  return {
    resolve: {
      conditions: ['@lava-checkout/source', ...defaultClientConditions],
      alias: overlay
        ? []
        : [
            {
              find: './loadOverlay.ts',
              replacement: fileURLToPath(
                new URL('./src/scriptTag/loadOverlayScript.ts', import.meta.url),
              ),
            },
          ],
    },
    define: overlay
      ? {}
      : {
          __LAVA_OVERLAY_INTEGRITY__: JSON.stringify(
            `sha384-${createHash('sha384')
              .update(readFileSync(`${dist}lava-checkout-overlay.js`))
              .digest('base64')}`,
          ),
        },
    build: {
      outDir: 'dist',
      emptyOutDir: false,
      target: 'es2022',
      lib: {
        entry: overlay ? 'src/overlay/overlayChunk.ts' : 'src/scriptTag/main.ts',
        formats: ['iife'],
        name: overlay ? 'LavaCheckoutOverlay' : 'LavaCheckoutScriptTag',
        fileName: () => (overlay ? 'lava-checkout-overlay.js' : 'lava-checkout.js'),
      },
    },
  };
});
