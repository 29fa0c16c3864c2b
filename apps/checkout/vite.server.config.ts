import { defineConfig } from 'vite';

// The service compiled to one file, dist/server/main.js, for production: workspace packages
// are bundled from their sources; npm dependencies stay imports from node_modules, except
// React, which renders each page's first step: bundled with its production build, whatever
// NODE_ENV the service runs with (its development mode reads its own settings, not React's).
const conditions = ['@lava-checkout/source', 'node', 'import', 'default'];

export default defineConfig({
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  ssr: {
    noExternal: [/^@lava-checkout\//, 'react', 'react-dom', 'scheduler'],
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
