import { fileURLToPath } from 'node:url';
import { readServiceConfig } from './readServiceConfig.ts';

/**
 * The settings a command-line entry (the HTTP server, the worker) runs with, read from the
 * environment, with the data under the app's `.data` and the built page under `dist/page`
 * unless `LAVA_PAGE_DIR` says where. `app` is the app's folder, which the entry finds from its
 * own URL (it is the one file whose place is known both in the source and once built). A
 * setting it cannot use ends the process with its message.
 */
export function readEntryConfig(app: URL): ReturnType<typeof readServiceConfig> {
  const appDir = fileURLToPath(app);
  try {
    return readServiceConfig(process.env, {
      dataDir: `${appDir}.data`,
      pageDir: process.env.LAVA_PAGE_DIR ?? `${appDir}dist/page`,
    });
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}
