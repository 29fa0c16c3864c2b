// Size budgets, min+gzip, of what merchants' pages load. Run by `pnpm size` (in `pnpm check`)
// on the packages' built files, so the numbers are those of what gets published.

/** What loads before any dynamic import: the overlay's chunk waits for preload() or open(). */
const dynamicImportsExternal = {
  name: 'dynamic-imports-external',
  setup(build) {
    build.onResolve({ filter: /.*/ }, (args) =>
      args.kind === 'dynamic-import' ? { path: args.path, external: true } : undefined,
    );
  },
};

/**
 * Bundles as a merchant's bundler does (ES modules, code splitting: each dynamic import() a
 * chunk of its own, modules that two chunks share a chunk of their own), then counts what a
 * page loads before its first click: the entry and every chunk it imports statically, at any
 * depth. The chunks that only an import() reaches are left out: they load on preload() or
 * open(). Treating the dynamic import as external instead would miss what the entry shares
 * with the overlay's chunk, which loads with the entry.
 */
const firstLoadOnly = {
  name: 'first-load-only',
  setup(build) {
    build.onEnd(({ metafile }) => {
      if (!metafile) return;
      const { outputs } = metafile;
      const lazy = new Set(
        Object.values(outputs).flatMap(({ imports }) =>
          imports.filter((i) => i.kind === 'dynamic-import').map((i) => i.path),
        ),
      );
      // A module that only an import() reaches is a chunk of its own even when the code with
      // that import() was shaken off (an unused export's lazy part): never a first load.
      const imported = new Set(
        Object.values(metafile.inputs).flatMap(({ imports }) =>
          imports.filter((i) => i.kind === 'dynamic-import').map((i) => i.path),
        ),
      );
      const first = new Set();
      const visit = (path) => {
        if (first.has(path) || !outputs[path]) return;
        first.add(path);
        for (const i of outputs[path].imports) {
          if (i.kind === 'import-statement' && !i.external) visit(i.path);
        }
      };
      for (const [path, output] of Object.entries(outputs)) {
        if (output.entryPoint && !lazy.has(path) && !imported.has(output.entryPoint)) visit(path);
      }
      // size-limit measures the outputs the metafile lists.
      for (const path of Object.keys(outputs)) if (!first.has(path)) delete outputs[path];
    });
  },
};
const splitAsMerchantsDo = (config) => ({
  ...config,
  format: 'esm',
  splitting: true,
  plugins: [firstLoadOnly],
});

export default [
  {
    // Bundled with the merchant's app: its entry chunk and the chunks that entry imports.
    name: "import { useLavaCheckout } from '@lava-checkout/react', before the first click (react external, code split)",
    path: 'packages/react/dist/index.js',
    import: '{ useLavaCheckout }',
    ignore: ['react', 'react-dom'],
    gzip: true,
    limit: '4 kB',
    modifyEsbuildConfig: splitAsMerchantsDo,
  },
  {
    name: "import { useLavaBalance } from '@lava-checkout/react', on first render (react external, code split)",
    path: 'packages/react/dist/index.js',
    import: '{ useLavaBalance }',
    ignore: ['react', 'react-dom'],
    gzip: true,
    limit: '4 kB',
    modifyEsbuildConfig: splitAsMerchantsDo,
  },
  {
    // The badge; its popover (Floating UI) is a chunk of its own, loaded on the first click.
    name: "import { LavaBalance } from '@lava-checkout/react', on first render (react external, code split)",
    path: 'packages/react/dist/index.js',
    import: '{ LavaBalance }',
    ignore: ['react', 'react-dom'],
    gzip: true,
    limit: '4 kB',
    modifyEsbuildConfig: splitAsMerchantsDo,
  },
  {
    name: "import { useLavaAccount } from '@lava-checkout/react', before the first click (react external, code split)",
    path: 'packages/react/dist/index.js',
    import: '{ useLavaAccount }',
    ignore: ['react', 'react-dom'],
    gzip: true,
    limit: '4 kB',
    modifyEsbuildConfig: splitAsMerchantsDo,
  },
  {
    name: 'the overlay chunk, loaded on preload() or the first open()',
    path: 'packages/js/dist/overlay/overlayChunk.js',
    import: '*',
    gzip: true,
    limit: '16 kB',
  },
  {
    // One self-contained file: all a page with the tag loads before the first click (the
    // tag adds its overlay, the last entry here, on preload() or open(), and its balance badge
    // only to pages that show one).
    name: 'lava-checkout.js, the script tag, before the first click',
    path: 'packages/js/dist/lava-checkout.js',
    gzip: true,
    limit: '4 kB',
  },
  {
    // What the page runs before the customer's first step is ready: the server sent that step
    // as HTML; this answers the SDK's handshake and holds an early submit.
    name: 'the hosted checkout page, entry: JS and CSS before ready',
    path: ['apps/service/dist/page/assets/index-*.js', 'apps/service/dist/page/assets/index-*.css'],
    gzip: true,
    limit: '8 kB',
    modifyEsbuildConfig: (config) => ({ ...config, plugins: [dynamicImportsExternal] }),
  },
  {
    // Rendered in the browser from the account the service inlined: all of it is the first screen.
    name: 'the hosted account page, first screen: JS and CSS',
    path: [
      'apps/service/dist/page/assets/account-*.js',
      'apps/service/dist/page/assets/account-*.css',
    ],
    gzip: true,
    limit: '90 kB',
  },
  {
    // Everything of the first step: the code that takes over after the first paint, with what
    // it imports (the entry among it; the card step is a lazy chunk), the stylesheet, and the
    // phone field's numbering plans of every country: a merchant may allow them all.
    name: 'the hosted checkout page, first step: JS, CSS and phone metadata',
    path: [
      'apps/service/dist/page/assets/takeOver-*.js',
      'apps/service/dist/page/assets/index-*.css',
      'apps/service/dist/page/size/phone-metadata-every-country.json',
    ],
    gzip: true,
    limit: '90 kB',
    modifyEsbuildConfig: (config) => ({ ...config, plugins: [dynamicImportsExternal] }),
  },
  {
    // Added by the tag only to pages with a data-lava-balance element.
    name: "lava-checkout-balance.js, the script tag's balance badge",
    path: 'packages/js/dist/lava-checkout-balance.js',
    gzip: true,
    limit: '5 kB',
  },
  {
    name: "lava-checkout-overlay.js, the script tag's overlay chunk",
    path: 'packages/js/dist/lava-checkout-overlay.js',
    gzip: true,
    limit: '16 kB',
  },
];
