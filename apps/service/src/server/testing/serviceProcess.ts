import { startService } from '../startService.ts';
import { testConfig } from './startTestService.ts';

// A checkout service in a process of its own, for tests that kill or multiply it. Its
// configuration comes as JSON in LAVA_TEST_SERVICE; it runs on the real clock, prints
// `ready <url>` once it listens, and closes on SIGTERM (its webhook worker finishing first).
const options = JSON.parse(process.env.LAVA_TEST_SERVICE ?? '{}') as Parameters<
  typeof testConfig
>[1] &
  Parameters<typeof testConfig>[0];
const service = await startService({
  config: testConfig({ dataDir: options.dataDir, pageDir: options.pageDir }, options),
  parts: { log: () => {} },
});
process.stdout.write(`ready ${service.url}\n`);
process.once('SIGTERM', () => {
  service.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
});
