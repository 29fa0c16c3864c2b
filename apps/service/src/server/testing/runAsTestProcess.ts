import type { ServiceConfig } from '../platform/config/ServiceConfig.ts';
import { testConfig } from './startTestService.ts';

/**
 * Runs a part of the service in a process of its own, for tests that kill or multiply it: its
 * configuration comes as JSON in LAVA_TEST_SERVICE (paths and overrides of `testConfig`), it
 * runs on the real clock, prints `readyLine` once started, and closes on SIGTERM, then exits.
 */
export async function runAsTestProcess<T extends { close(): Promise<void> }>(
  start: (config: ServiceConfig) => Promise<T>,
  readyLine: (running: T) => string,
): Promise<void> {
  const options = JSON.parse(process.env.LAVA_TEST_SERVICE ?? '{}') as Parameters<
    typeof testConfig
  >[1] &
    Parameters<typeof testConfig>[0];
  const running = await start(
    testConfig({ dataDir: options.dataDir, pageDir: options.pageDir }, options),
  );
  process.stdout.write(`${readyLine(running)}\n`);
  process.once('SIGTERM', () => {
    running.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
