import { fileURLToPath } from 'node:url';
import { build } from 'vite';

/**
 * Vitest global setup: the e2e tests serve built pages, so build them from source first:
 * the checkout page, the demo, and a merchant page on the published Lava hook.
 */
export default async function buildPages(): Promise<void> {
  for (const app of ['checkout', 'demo']) {
    const root = fileURLToPath(new URL(`../apps/${app}/`, import.meta.url));
    await build({ root, configFile: `${root}vite.config.ts`, logLevel: 'warn' });
  }
  await build({
    root: fileURLToPath(new URL('./legacy-merchant/', import.meta.url)),
    configFile: false,
    logLevel: 'warn',
    build: { outDir: 'dist', emptyOutDir: true },
  });
}
