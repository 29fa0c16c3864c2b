import { PRICED_MODELS, PRICES_TAKEN_AT } from './listPricedModels.ts';

/** `GET /v1/models`: the published SDK's `RestModelList`, OpenAI's list shape. */
export interface RestModelList {
  object: 'list';
  data: Array<{ id: string; object: 'model'; created: number; owned_by: string }>;
}

/**
 * The models the gateway prices, as `lava.models.list()` reads them. A model served by two
 * providers (`openai/gpt-oss-120b` on Groq and Together) is listed once for each, `owned_by`
 * naming the provider. `created` is when the prices were taken: the table does not keep
 * release dates.
 */
export function toRestModelList(): RestModelList {
  return {
    object: 'list',
    data: PRICED_MODELS.map(({ id, provider }) => ({
      id,
      object: 'model',
      created: PRICES_TAKEN_AT,
      owned_by: provider.id,
    })),
  };
}
