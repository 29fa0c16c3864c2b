import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { launchChromium } from './launchChromium.ts';
import { startTestStack, type TestStack } from './startTestStack.ts';

export interface StackAndChromium {
  stack: TestStack;
  browser: Browser;
}

/**
 * Registers the hooks of a browser test file: the checkout service and the demo (see
 * startTestStack) and one Chromium, started before the file's tests and stopped after them,
 * and the services' last output printed for a test that failed. The fields are set once the
 * file's tests start: read them inside hooks and tests.
 */
export function setUpStackAndChromium(
  name: string,
  options?: Parameters<typeof startTestStack>[1],
): StackAndChromium {
  const e2e = {} as StackAndChromium;
  beforeAll(async () => {
    e2e.stack = await startTestStack(name, options);
    e2e.browser = await launchChromium();
  });
  afterAll(async () => {
    await e2e.browser?.close();
    await e2e.stack?.stop();
  });
  afterEach((context) => {
    if (context.task.result?.state === 'fail') console.log(e2e.stack.output().slice(-4000));
  });
  return e2e;
}
