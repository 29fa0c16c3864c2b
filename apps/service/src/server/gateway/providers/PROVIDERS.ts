/** How a provider takes its API key. */
export type ProviderAuth =
  /** `Authorization: Bearer <key>`: OpenAI and every OpenAI-compatible API. */
  | 'bearer'
  /** `x-api-key: <key>` and `anthropic-version` (2023-06-01 unless the caller sent one): Anthropic. */
  | 'x-api-key'
  /** `x-goog-api-key: <key>`: Gemini. */
  | 'x-goog-api-key';

/** A provider the gateway knows: where it is, how it takes its key, how it reports usage. */
export interface ProviderSpec {
  id: ProviderId;
  label: string;
  /** `<NAME>` in the settings `LAVA_PROVIDER_<NAME>_KEY` and `LAVA_PROVIDER_<NAME>_URL`. */
  setting: string;
  /** Its API's host: a provider URL on this host is this provider. */
  host: string;
  /** Its API's base URL, as `lava.providers.*` names it. */
  baseUrl: string;
  apiReference: string;
  /** How the key is sent for a path (some providers also serve an OpenAI-compatible path). */
  auth(pathname: string): ProviderAuth;
  /**
   * Whether it takes `stream_options.include_usage`, the switch without which an OpenAI-shaped
   * stream carries no usage. Mistral sends usage in its last chunk on its own.
   */
  streamUsageOption: boolean;
}

const bearer = (): ProviderAuth => 'bearer';

/**
 * The providers the gateway knows, in the order they are listed. Every one but Anthropic and
 * Gemini speaks OpenAI's API; those two also serve an OpenAI-compatible path, which takes a
 * bearer key.
 */
export const PROVIDERS = [
  {
    id: 'openai',
    label: 'OpenAI',
    setting: 'OPENAI',
    host: 'api.openai.com',
    baseUrl: 'https://api.openai.com/v1',
    apiReference: 'https://platform.openai.com/docs/api-reference',
    auth: bearer,
    streamUsageOption: true,
  },
  {
    id: 'anthropic',
    label: 'Anthropic',
    setting: 'ANTHROPIC',
    host: 'api.anthropic.com',
    baseUrl: 'https://api.anthropic.com/v1',
    apiReference: 'https://docs.anthropic.com/en/api',
    auth: (pathname) => (pathname.endsWith('/chat/completions') ? 'bearer' : 'x-api-key'),
    streamUsageOption: true,
  },
  {
    id: 'google',
    label: 'Google Gemini',
    setting: 'GOOGLE',
    host: 'generativelanguage.googleapis.com',
    baseUrl: 'https://generativelanguage.googleapis.com/v1beta',
    apiReference: 'https://ai.google.dev/api',
    auth: (pathname) => (pathname.includes('/openai/') ? 'bearer' : 'x-goog-api-key'),
    streamUsageOption: true,
  },
  {
    id: 'groq',
    label: 'Groq',
    setting: 'GROQ',
    host: 'api.groq.com',
    baseUrl: 'https://api.groq.com/openai/v1',
    apiReference: 'https://console.groq.com/docs/api-reference',
    auth: bearer,
    streamUsageOption: true,
  },
  {
    id: 'mistral',
    label: 'Mistral',
    setting: 'MISTRAL',
    host: 'api.mistral.ai',
    baseUrl: 'https://api.mistral.ai/v1',
    apiReference: 'https://docs.mistral.ai/api/',
    auth: bearer,
    streamUsageOption: false,
  },
  {
    id: 'deepseek',
    label: 'DeepSeek',
    setting: 'DEEPSEEK',
    host: 'api.deepseek.com',
    baseUrl: 'https://api.deepseek.com/v1',
    apiReference: 'https://api-docs.deepseek.com/api/deepseek-api',
    auth: bearer,
    streamUsageOption: true,
  },
  {
    id: 'xai',
    label: 'xAI',
    setting: 'XAI',
    host: 'api.x.ai',
    baseUrl: 'https://api.x.ai/v1',
    apiReference: 'https://docs.x.ai/docs/api-reference',
    auth: bearer,
    streamUsageOption: true,
  },
  {
    id: 'together',
    label: 'Together AI',
    setting: 'TOGETHER',
    host: 'api.together.xyz',
    baseUrl: 'https://api.together.xyz/v1',
    apiReference: 'https://docs.together.ai/reference',
    auth: bearer,
    streamUsageOption: true,
  },
  {
    id: 'fireworks',
    label: 'Fireworks AI',
    setting: 'FIREWORKS',
    host: 'api.fireworks.ai',
    baseUrl: 'https://api.fireworks.ai/inference/v1',
    apiReference: 'https://docs.fireworks.ai/api-reference',
    auth: bearer,
    streamUsageOption: true,
  },
  {
    id: 'openrouter',
    label: 'OpenRouter',
    setting: 'OPENROUTER',
    host: 'openrouter.ai',
    baseUrl: 'https://openrouter.ai/api/v1',
    apiReference: 'https://openrouter.ai/docs/api-reference',
    auth: bearer,
    streamUsageOption: true,
  },
] as const satisfies readonly (Omit<ProviderSpec, 'id'> & { id: string })[];

export type ProviderId = (typeof PROVIDERS)[number]['id'];

const BY_HOST = new Map<string, ProviderSpec>(PROVIDERS.map((p) => [p.host, p]));

/**
 * The provider whose API a URL is on, by its host on the default port, or `null`. Only the
 * official host counts: a provider pointed elsewhere by its URL setting is still named by it.
 */
export function providerOfUrl(url: URL): ProviderSpec | null {
  if (url.port !== '') return null;
  return BY_HOST.get(url.hostname) ?? null;
}
