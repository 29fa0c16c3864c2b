import react from '@vitejs/plugin-react';
import { type ConfigEnv, defineConfig, type UserConfig } from 'vite';
import checkoutPage from './vite.config.ts';

/**
 * The hosted account page, built after the checkout page into the same folder (dist/page), as a
 * build of its own: sharing the checkout's modules in one build would split the checkout's
 * first step into chunks shared with the account, and change what its budget measures.
 */
export default defineConfig((env: ConfigEnv) => {
  const base = (checkoutPage as (env: ConfigEnv) => UserConfig)(env);
  return {
    ...base,
    plugins: [react()],
    build: {
      ...base.build,
      emptyOutDir: false,
      rollupOptions: { input: { account: 'account.html' } },
    },
  };
});
