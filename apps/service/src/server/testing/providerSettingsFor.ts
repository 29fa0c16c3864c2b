/** A provider the gateway can relay to, as its settings name it (`LAVA_PROVIDER_<name>_KEY`). */
export type ProviderName = 'OPENAI' | 'ANTHROPIC' | 'GOOGLE';

/**
 * The gateway's settings pointing each provider named at one fake (its key and address), for a
 * test service's `providerSettings` or a gateway harness's `env`.
 */
export function providerSettingsFor(
  fake: { apiKey: string; url: string },
  providers: ProviderName[],
): Record<string, string> {
  const settings: Record<string, string> = {};
  for (const name of providers) {
    settings[`LAVA_PROVIDER_${name}_KEY`] = fake.apiKey;
    settings[`LAVA_PROVIDER_${name}_URL`] = fake.url;
  }
  return settings;
}
