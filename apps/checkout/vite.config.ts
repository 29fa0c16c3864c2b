import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig } from 'vite';

// The hosted checkout page. The service serves dist/page/index.html for each session.
export default defineConfig({
  plugins: [react()],
  resolve: { conditions: ['@lava-checkout/source', ...defaultClientConditions] },
  build: { outDir: 'dist/page', emptyOutDir: true },
});
