import { PROVIDERS, type ProviderId } from './PROVIDERS.ts';

/** The operator's settings for one provider. */
export interface ProviderSettings {
  /** The service's own key for the provider: calls without the caller's own key use it. */
  key: string | null;
  /**
   * Where the provider's API is reached instead of its official URL: a proxy, or a local fake
   * in tests and the demo. Its origin replaces the official one, and its path goes before the
   * official path (`http://127.0.0.1:9000` sends `https://api.openai.com/v1/chat/completions`
   * to `http://127.0.0.1:9000/v1/chat/completions`).
   */
  url: URL | null;
}

export type ProvidersConfig = Record<ProviderId, ProviderSettings>;

type Env = Record<string, string | undefined>;

const SETTING = /^LAVA_PROVIDER_([A-Z0-9_]+)_(KEY|URL)$/;
/** Printable ASCII without spaces: what an API key is, and all a header may safely carry. */
const KEY = /^[\x21-\x7e]{1,4096}$/;

/**
 * Reads `LAVA_PROVIDER_<NAME>_KEY` and `LAVA_PROVIDER_<NAME>_URL` for each known provider
 * (`OPENAI`, `ANTHROPIC`, `GOOGLE`, `GROQ`, `MISTRAL`, `DEEPSEEK`, `XAI`, `TOGETHER`,
 * `FIREWORKS`, `OPENROUTER`). Empty values count as unset. Throws one error naming every bad
 * setting: a name no provider has (a typo would otherwise leave the provider without its
 * key), a key with spaces or control characters, a URL that is not http(s) or carries a
 * query, a fragment or credentials.
 */
export function readProviderSettings(env: Env): ProvidersConfig {
  const problems: string[] = [];
  const known = new Set<string>(PROVIDERS.map((p) => p.setting));
  for (const name of Object.keys(env)) {
    const match = SETTING.exec(name);
    if (match?.[1] && !known.has(match[1]) && env[name]?.trim()) {
      problems.push(
        `${name} names no provider this gateway knows; the names are ${[...known].join(', ')}`,
      );
    }
  }
  const config = {} as ProvidersConfig;
  for (const provider of PROVIDERS) {
    const keyName = `LAVA_PROVIDER_${provider.setting}_KEY`;
    const urlName = `LAVA_PROVIDER_${provider.setting}_URL`;
    const key = env[keyName]?.trim() || null;
    if (key !== null && !KEY.test(key)) {
      problems.push(`${keyName} must be the key alone, without spaces or line breaks`);
    }
    const rawUrl = env[urlName]?.trim() || null;
    let url: URL | null = null;
    if (rawUrl !== null) {
      try {
        url = new URL(rawUrl);
      } catch {
        url = null;
      }
      if (
        !url ||
        (url.protocol !== 'http:' && url.protocol !== 'https:') ||
        url.search !== '' ||
        url.hash !== '' ||
        url.username !== '' ||
        url.password !== ''
      ) {
        problems.push(
          `${urlName} must be an http or https URL without a query, fragment or credentials, like http://127.0.0.1:9000 or https://proxy.example.com/${provider.id}`,
        );
        url = null;
      }
    }
    config[provider.id] = { key, url };
  }
  if (problems.length > 0) {
    throw new Error(
      [
        ...problems.map((problem) => `Lava Checkout: ${problem}.`),
        'Fix these settings in the environment, or unset them.',
      ].join('\n'),
    );
  }
  return config;
}
