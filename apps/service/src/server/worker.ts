import { closeOnSignal } from './platform/closeOnSignal.ts';
import { readEntryConfig } from './platform/config/readEntryConfig.ts';
import { startWorker } from './startWorker.ts';

// The periodic jobs' entry: `pnpm --filter @lava-checkout/service worker`, beside HTTP servers
// started with LAVA_JOBS=off. It reads the same settings as the HTTP server.
const config = readEntryConfig(new URL('../../', import.meta.url));
const worker = await startWorker({ config });
console.log(
  `Lava Checkout worker: running payment recovery, webhook delivery and pruning on ${
    worker.services.dialect === 'postgres' ? 'PostgreSQL' : config.dataDir
  }`,
);
closeOnSignal(worker);
