import { PRICED_MODELS } from '../gateway/catalog/listPricedModels.ts';
import { MODEL_PRICES } from '../gateway/pricing/MODEL_PRICES.ts';
import { PROVIDERS } from '../gateway/providers/PROVIDERS.ts';

/** Where each provider serves OpenAI's chat completions (every one does, some on a path of their own). */
const CHAT_PATH: Record<string, string> = { google: '/openai/chat/completions' };

/**
 * What an agent can call through the gateway, for the MCP tools `search`, `get_provider_docs`
 * and `prompt`: each provider with its base URL, its OpenAI-compatible chat completions URL and
 * its API reference, and each model of the price table with its list prices per million tokens.
 */
export function agentCatalog() {
  return {
    prices_taken_on: MODEL_PRICES.takenOn,
    providers: PROVIDERS.map((provider) => ({
      id: provider.id,
      label: provider.label,
      base_url: provider.baseUrl,
      chat_completions_url: `${provider.baseUrl}${CHAT_PATH[provider.id] ?? '/chat/completions'}`,
      api_reference: provider.apiReference,
    })),
    models: PRICED_MODELS.map(({ id, provider, price }) => ({
      id,
      provider: provider.id,
      kind: price.kind,
      price_per_million_tokens: {
        input: price.input,
        output: price.output,
        cache_read: price.cacheRead,
        cache_write: price.cacheWrite,
      },
    })),
  };
}

export type AgentCatalog = ReturnType<typeof agentCatalog>;
