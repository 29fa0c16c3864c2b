import { defineConfig } from 'vite';

// The service compiled to one file, dist/server/main.js, for production: workspace packages
// are bundled from their sources; npm dependencies stay imports from node_modules.
const conditions = ['@lava-checkout/source', 'node', 'import', 'default'];

export default defineConfig({
  ssr: {
    noExternal: [/^@lava-checkout\//],
    resolve: { conditions, externalConditions: ['@lava-checkout/source'] },
  },
  build: {
    ssr: 'src/server/main.ts',
    outDir: 'dist/server',
    emptyOutDir: true,
    target: 'node20',
    sourcemap: true,
    minify: false,
  },
});
