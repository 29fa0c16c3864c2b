import { startWorker } from '../startWorker.ts';
import { runAsTestProcess } from './runAsTestProcess.ts';

// The periodic jobs in a process of their own, for tests, configured as `serviceProcess.ts`
// is: prints `ready` once its jobs run, and closes on SIGTERM.
await runAsTestProcess(
  (config) => startWorker({ config, parts: { log: () => {} } }),
  () => 'ready',
);
