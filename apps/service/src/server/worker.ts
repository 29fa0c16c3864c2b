import { fileURLToPath } from 'node:url';
import { readServiceConfig } from './platform/config/readServiceConfig.ts';
import { startWorker } from './startWorker.ts';

// The periodic jobs' entry: `pnpm --filter @lava-checkout/service worker`, beside HTTP servers
// started with LAVA_JOBS=off. It reads the same settings as the HTTP server.
const appDir = fileURLToPath(new URL('../../', import.meta.url));
let config: ReturnType<typeof readServiceConfig>;
try {
  config = readServiceConfig(process.env, {
    dataDir: `${appDir}.data`,
    pageDir: process.env.LAVA_PAGE_DIR ?? `${appDir}dist/page`,
  });
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
const worker = await startWorker({ config });
console.log(
  `Lava Checkout worker: running payment recovery, webhook delivery and pruning on ${
    worker.services.dialect === 'postgres' ? 'PostgreSQL' : config.dataDir
  }`,
);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    worker.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
