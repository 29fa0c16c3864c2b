import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig } from 'vite';

// The hosted checkout page. The service serves dist/page/index.html for each session.
export default defineConfig({
  plugins: [react()],
  resolve: { conditions: ['@lava-checkout/source', ...defaultClientConditions] },
  build: {
    outDir: 'dist/page',
    emptyOutDir: true,
    // The one lazy chunk (Stripe's fields) needs nothing the first step has not loaded, so the
    // preload helper would only add weight to the first step.
    modulePreload: false,
  },
});
