import { afterEach, beforeEach } from 'vitest';
import { handleOf } from './handleOf.ts';
import { type ProviderName, providerSettingsFor } from './providerSettingsFor.ts';
import { type FakeProvider, startFakeProvider } from './startFakeProvider.ts';
import { type GatewayHarness, startGatewayHarness } from './startGatewayHarness.ts';

/**
 * A fake AI provider and the gateway's modules (`startGatewayHarness`) relaying the providers
 * named to it for `secretKey`, both started before each test of the file and closed after (the
 * gateway first). Returns handles that stand for the running test's, as
 * `gatewayServiceEachTest` does for a whole service.
 */
export function gatewayHarnessEachTest(
  secretKey: string,
  providers: ProviderName[],
): { fake: FakeProvider; gateway: GatewayHarness } {
  let current: { fake: FakeProvider; gateway: GatewayHarness } | undefined;
  beforeEach(async () => {
    const fake = await startFakeProvider();
    const env = providerSettingsFor(fake, providers);
    current = { fake, gateway: await startGatewayHarness({ secretKey, env }) };
  });
  afterEach(async () => {
    await current?.gateway.close();
    await current?.fake.close();
    current = undefined;
  });
  const running = () => {
    if (!current) throw new Error('The gateway harness runs only during a test of this file.');
    return current;
  };
  return { fake: handleOf(() => running().fake), gateway: handleOf(() => running().gateway) };
}
