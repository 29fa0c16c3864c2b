import type { ProviderId } from '../providers/PROVIDERS.ts';
import type { ProvidersConfig } from '../providers/readProviderSettings.ts';
import { PRICED_MODELS } from './listPricedModels.ts';

/** One model in `GET /v1/services`, priced per million tokens. */
export interface RestService {
  id: string;
  object: 'model';
  provider: ProviderId;
  provider_label: string;
  api_reference: string;
  service_type: 'model';
  /** Whether the service holds a key for its provider; if not, calls need the caller's own. */
  managed: boolean;
  pricing: {
    type: 'tokens_1m';
    input: number;
    output: number;
    cache_input_read: number;
    cache_input_write: number;
    cost_per_request: number;
  };
  capabilities: string[];
}

/** `GET /v1/services`: Lava's shape, a list of models and one of providers. */
export interface RestServices {
  object: 'list';
  data: RestService[];
  providers: Array<{
    id: ProviderId;
    label: string;
    api_reference: string;
    service_type: 'model';
    managed: boolean;
    entry_count: number;
  }>;
}

/**
 * What the gateway serves, as Lava's `GET /v1/services` lists it: every priced model with its
 * list prices (dollars per million tokens, as numbers, as Lava writes them) and capabilities,
 * and every provider, `managed` when the service has a key for it. `provider` keeps one
 * provider's slice, as Lava's `?provider=` does.
 */
export function toRestServices(config: ProvidersConfig, provider?: string): RestServices {
  const models = PRICED_MODELS.filter((m) => provider === undefined || m.provider.id === provider);
  const data = models.map(
    ({ id, provider: spec, price }): RestService => ({
      id,
      object: 'model',
      provider: spec.id,
      provider_label: spec.label,
      api_reference: spec.apiReference,
      service_type: 'model',
      managed: config[spec.id].key !== null,
      pricing: {
        type: 'tokens_1m',
        input: Number(price.input),
        output: Number(price.output),
        cache_input_read: Number(price.cacheRead),
        cache_input_write: Number(price.cacheWrite),
        cost_per_request: 0,
      },
      capabilities: price.kind === 'embedding' ? ['embeddings'] : ['chat', 'streaming'],
    }),
  );
  const providers = [...new Set(models.map((m) => m.provider))].map((spec) => ({
    id: spec.id,
    label: spec.label,
    api_reference: spec.apiReference,
    service_type: 'model' as const,
    managed: config[spec.id].key !== null,
    entry_count: models.filter((m) => m.provider === spec).length,
  }));
  return { object: 'list', data, providers };
}
