import { afterEach, beforeEach } from 'vitest';
import type { ServiceParts } from '../composeServices.ts';
import type { ServiceConfig } from '../platform/config/ServiceConfig.ts';
import { handleOf } from './handleOf.ts';
import type { ProviderName } from './providerSettingsFor.ts';
import { providerSettingsFor } from './providerSettingsFor.ts';
import { type FakeProvider, startFakeProvider } from './startFakeProvider.ts';
import type { TestService } from './startTestService.ts';
import { testServiceEachTest } from './testServiceEachTest.ts';

/**
 * A fake AI provider and a test service whose gateway relays the providers named to it, both
 * started before each test of the file and closed after (the service first). Returns handles
 * that stand for the running test's: `t`, the service, and `fake`, the provider.
 */
export function gatewayServiceEachTest(
  options: {
    /** @default ['OPENAI'] */
    providers?: ProviderName[];
    config?: Partial<ServiceConfig>;
    parts?: Partial<ServiceParts>;
  } = {},
): { t: TestService; fake: FakeProvider } {
  let current: FakeProvider | undefined;
  beforeEach(async () => {
    current = await startFakeProvider();
  });
  // Registered before the service's, so it runs after the service is closed.
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  const fake = handleOf((): FakeProvider => {
    if (!current) throw new Error('The fake provider runs only during a test of this file.');
    return current;
  });
  const t = testServiceEachTest(() => ({
    config: {
      ...options.config,
      providerSettings: providerSettingsFor(fake, options.providers ?? ['OPENAI']),
    },
    ...(options.parts ? { parts: options.parts } : {}),
  }));
  return { t, fake };
}
