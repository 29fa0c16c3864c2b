import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig } from 'vite';

// The demo merchant's page; its backend (src/server) serves dist/web.
export default defineConfig({
  plugins: [react()],
  resolve: { conditions: ['@lava-checkout/source', ...defaultClientConditions] },
  build: { outDir: 'dist/web', emptyOutDir: true },
});
