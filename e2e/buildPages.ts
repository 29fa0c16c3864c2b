import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { buildMerchantPage } from './buildMerchantPage.ts';

/**
 * Vitest global setup: the e2e tests serve built pages, so build them from source first:
 * the script tag, the checkout and account pages, the demo, and a merchant page on the published Lava hook.
 */
export default async function buildPages(): Promise<void> {
  const js = fileURLToPath(new URL('../packages/js/', import.meta.url));
  for (const mode of ['overlay', 'tag']) {
    await build({ root: js, configFile: `${js}vite.script-tag.config.ts`, mode, logLevel: 'warn' });
  }
  for (const app of ['service', 'demo']) {
    const root = fileURLToPath(new URL(`../apps/${app}/`, import.meta.url));
    await build({ root, configFile: `${root}vite.config.ts`, logLevel: 'warn' });
  }
  // The account page: built after the checkout page, into the same folder.
  const service = fileURLToPath(new URL('../apps/service/', import.meta.url));
  await build({ root: service, configFile: `${service}vite.account.config.ts`, logLevel: 'warn' });
  await buildMerchantPage(
    fileURLToPath(new URL('./legacy-merchant/', import.meta.url)),
    'Legacy merchant',
  );
}
