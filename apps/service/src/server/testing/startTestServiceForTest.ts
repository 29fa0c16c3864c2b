import { onTestFinished } from 'vitest';
import { startTestService, type TestService } from './startTestService.ts';

/**
 * Starts a test service, as `startTestService` does, for the running test alone: it is closed
 * when the test ends, passed or failed. For a test that needs a service of its own settings.
 */
export async function startTestServiceForTest(
  options?: Parameters<typeof startTestService>[0],
): Promise<TestService> {
  const t = await startTestService(options);
  onTestFinished(() => t.close());
  return t;
}
