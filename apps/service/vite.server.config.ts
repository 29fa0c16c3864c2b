import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The service compiled to dist/server/main.js (the HTTP server) and dist/server/worker.js (the
// periodic jobs alone) for production: workspace packages
// are bundled from their sources; npm dependencies stay imports from node_modules, except
// React, which renders each page's first step: bundled with its production build, whatever
// NODE_ENV the service runs with (its development mode reads its own settings, not React's).
const conditions = ['@lava-checkout/source', 'node', 'import', 'default'];

// The migrations are read from their folder at start, so each is built to its own file in
// dist/server/migrations/, beside main.js.
const migrationsFolder = fileURLToPath(
  new URL('src/server/platform/db/migrations/', import.meta.url),
);
const migrations = Object.fromEntries(
  readdirSync(migrationsFolder)
    .filter((file) => /^\d{3}_[a-z0-9_]+\.ts$/.test(file))
    .map((file) => [`migrations/${file.replace(/\.ts$/, '')}`, migrationsFolder + file]),
);

export default defineConfig({
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  ssr: {
    noExternal: [/^@lava-checkout\//, 'react', 'react-dom', 'scheduler'],
    resolve: { conditions, externalConditions: ['@lava-checkout/source'] },
  },
  build: {
    ssr: true,
    rollupOptions: {
      input: { main: 'src/server/main.ts', worker: 'src/server/worker.ts', ...migrations },
      // Code the two entries share goes to a chunk beside them, not into assets/: the
      // migrations folder is found relative to the module that reads it.
      output: { entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' },
    },
    outDir: 'dist/server',
    emptyOutDir: true,
    target: 'node20',
    sourcemap: true,
    minify: false,
  },
});
