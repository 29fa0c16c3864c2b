import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { type ConfigEnv, defineConfig, type Plugin, type UserConfig } from 'vite';
import checkoutPage from './vite.config.ts';

const accountPage = fileURLToPath(new URL('account.html', import.meta.url));

/**
 * account.html is not a file of its own: it is index.html (the same head, with the bootstrap
 * the server fills in) with the account's title and entry, so the two pages cannot drift apart.
 */
const accountPageFromIndex = (): Plugin => ({
  name: 'account-page-from-index',
  enforce: 'pre',
  resolveId: (id) => (id === accountPage ? id : undefined),
  load(id) {
    if (id !== accountPage) return;
    let html = readFileSync(new URL('index.html', import.meta.url), 'utf8');
    for (const [checkout, account] of [
      ['<title>Checkout</title>', '<title>Account</title>'],
      ['"/src/page/main.ts"', '"/src/page/account/main.tsx"'],
    ] as const) {
      if (!html.includes(checkout)) {
        throw new Error(
          `apps/service/index.html no longer has ${checkout}: update what vite.account.config.ts replaces in it for the account page.`,
        );
      }
      html = html.replace(checkout, account);
    }
    return html;
  },
});

/**
 * The hosted account page, built after the checkout page into the same folder (dist/page), as a
 * build of its own: sharing the checkout's modules in one build would split the checkout's
 * first step into chunks shared with the account, and change what its budget measures.
 */
export default defineConfig((env: ConfigEnv) => {
  const base = (checkoutPage as (env: ConfigEnv) => UserConfig)(env);
  return {
    ...base,
    plugins: [react(), accountPageFromIndex()],
    build: {
      ...base.build,
      emptyOutDir: false,
      rollupOptions: { input: { account: accountPage } },
    },
  };
});
