import { startWorker } from '../startWorker.ts';
import { testConfig } from './startTestService.ts';

// The periodic jobs in a process of their own, for tests: configured as `serviceProcess.ts` is
// (JSON in LAVA_TEST_SERVICE), on the real clock; prints `ready` once its jobs run, and closes
// on SIGTERM.
const options = JSON.parse(process.env.LAVA_TEST_SERVICE ?? '{}') as Parameters<
  typeof testConfig
>[1] &
  Parameters<typeof testConfig>[0];
const worker = await startWorker({
  config: testConfig({ dataDir: options.dataDir, pageDir: options.pageDir }, options),
  parts: { log: () => {} },
});
process.stdout.write('ready\n');
process.once('SIGTERM', () => {
  worker.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
});
