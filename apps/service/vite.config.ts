import react from '@vitejs/plugin-react';
import metadata from 'libphonenumber-js/metadata.min.json';
import { defaultClientConditions, defineConfig, type Plugin } from 'vite';
import { phoneMetadataFor } from './src/server/verification/phoneMetadataFor.ts';

/**
 * The page's production build runs on Preact's React-compatible layer: React and ReactDOM are
 * 60 KB gzipped of a first step that must stay under 90 KB (size-limit), Preact about 5. The
 * code is written against React's API, and its tests and stories run on React itself.
 */
const onPreact = [
  { find: /^react$/, replacement: 'preact/compat' },
  { find: /^react-dom$/, replacement: 'preact/compat' },
  { find: /^react-dom\/client$/, replacement: 'preact/compat/client' },
  { find: /^react\/jsx-(dev-)?runtime$/, replacement: 'preact/compat/jsx-runtime' },
];

/**
 * The first step also loads the phone field's numbering plans, inlined into the page by the
 * service for the countries it may text. The size budget counts the worst case, every country,
 * from this file (the service never serves it).
 */
const phoneMetadataForTheBudget = (): Plugin => ({
  name: 'phone-metadata-for-the-budget',
  apply: 'build',
  generateBundle() {
    this.emitFile({
      type: 'asset',
      fileName: 'size/phone-metadata-every-country.json',
      source: JSON.stringify(phoneMetadataFor(Object.keys(metadata.countries))),
    });
  },
});

/**
 * The page's stylesheet goes into index.html itself, as a `<style>`: the server's first step
 * paints with the HTML, without waiting for a second request (the service allows that one
 * `<style>` by its hash in the page's Content-Security-Policy, see pageStyleHashes). The file is
 * still emitted, for the size budget.
 */
const inlineStylesheet = (): Plugin => ({
  name: 'inline-stylesheet',
  apply: 'build',
  transformIndexHtml: {
    order: 'post',
    handler: (html, { bundle }) =>
      html.replace(/<link rel="stylesheet"[^>]* href="\/([^"]+\.css)">/g, (tag, file: string) => {
        const asset = bundle?.[file];
        return asset?.type === 'asset' ? `<style>${String(asset.source).trim()}</style>` : tag;
      }),
  },
});

// The hosted checkout page. The service serves dist/page/index.html for each session.
export default defineConfig(({ command }) => ({
  plugins: [react(), phoneMetadataForTheBudget(), inlineStylesheet()],
  resolve: {
    conditions: ['@lava-checkout/source', ...defaultClientConditions],
    alias: command === 'build' ? onPreact : [],
  },
  build: {
    outDir: 'dist/page',
    emptyOutDir: true,
    // The lazy chunks (the card step, Stripe's fields) need nothing the first step has not
    // loaded, so the preload helper would only add weight to the first step.
    modulePreload: false,
  },
}));
