import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defaultClientConditions, defineConfig } from 'vite';

const dist = fileURLToPath(new URL('./dist/', import.meta.url));

/**
 * The script tag, as self-contained IIFE files that the checkout service serves under /js/:
 * `lava-checkout.js` (the controller and the declarative buttons, what every page loads),
 * `lava-checkout-overlay.js` (the handshake and the overlay, which the tag adds on the first
 * open() or preload()) and `lava-checkout-balance.js` (the balance badge, which the tag adds to
 * pages with a `data-lava-balance` element), each pinned by its Subresource Integrity hash.
 * Build the chunks first (`--mode overlay`, `--mode balance`), then the tag (`--mode tag`),
 * which embeds their hashes.
 */
const integrity = (file: string) =>
  JSON.stringify(
    `sha384-${createHash('sha384')
      .update(readFileSync(`${dist}${file}`))
      .digest('base64')}`,
  );

export default defineConfig(({ mode }) => {
  const overlay = mode === 'overlay';
  const balance = mode === 'balance';
  const chunk = overlay || balance;
  return {
    resolve: {
      conditions: ['@lava-checkout/source', ...defaultClientConditions],
      alias: chunk
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
    define: chunk
      ? {}
      : {
          __LAVA_OVERLAY_INTEGRITY__: integrity('lava-checkout-overlay.js'),
          __LAVA_BALANCE_INTEGRITY__: integrity('lava-checkout-balance.js'),
        },
    build: {
      outDir: 'dist',
      emptyOutDir: false,
      target: 'es2022',
      lib: {
        entry: overlay
          ? 'src/overlay/overlayChunk.ts'
          : balance
            ? 'src/scriptTag/balanceMain.ts'
            : 'src/scriptTag/main.ts',
        formats: ['iife'],
        name: overlay
          ? 'LavaCheckoutOverlay'
          : balance
            ? 'LavaCheckoutBalance'
            : 'LavaCheckoutScriptTag',
        fileName: () =>
          overlay
            ? 'lava-checkout-overlay.js'
            : balance
              ? 'lava-checkout-balance.js'
              : 'lava-checkout.js',
      },
    },
  };
});
