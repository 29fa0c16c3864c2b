import { fileURLToPath } from 'node:url';
import { build } from 'vite';

/** Vitest global setup: the e2e tests serve the built pages, so build them from source first. */
export default async function buildPages(): Promise<void> {
  for (const app of ['checkout', 'demo']) {
    const root = fileURLToPath(new URL(`../apps/${app}/`, import.meta.url));
    await build({ root, configFile: `${root}vite.config.ts`, logLevel: 'warn' });
  }
}
