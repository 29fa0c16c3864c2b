import { afterEach, beforeEach } from 'vitest';
import { handleOf } from './handleOf.ts';
import { startTestService, type TestService } from './startTestService.ts';

type StartOptions = NonNullable<Parameters<typeof startTestService>[0]>;

/**
 * Starts a test service before each test of the file (or of the `describe` it is called in)
 * and closes it after. Returns a handle that stands for the running test's service, so a file
 * holds it in a `const` and its helpers read it as they would the service itself. Hooks added
 * after this call run once the service is up; `options` may be a function, made again for each
 * test.
 */
export function testServiceEachTest(options?: StartOptions | (() => StartOptions)): TestService {
  let current: TestService | undefined;
  beforeEach(async () => {
    current = await startTestService(typeof options === 'function' ? options() : options);
  });
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  const running = (): TestService => {
    if (!current) throw new Error('The test service runs only during a test of this file.');
    return current;
  };
  return handleOf(running);
}
