import { MODEL_PRICES, type ModelPrice } from '../pricing/MODEL_PRICES.ts';
import { PROVIDERS, type ProviderSpec } from '../providers/PROVIDERS.ts';

/** A model of the price table, with its provider. */
export interface PricedModel {
  id: string;
  provider: ProviderSpec;
  price: ModelPrice;
}

/** Every model of the price table, provider by provider in the order the gateway lists them. */
export const PRICED_MODELS: readonly PricedModel[] = PROVIDERS.flatMap((provider) =>
  Object.entries(MODEL_PRICES.providers[provider.id] as Record<string, ModelPrice>).map(
    ([id, price]) => ({ id, provider, price }),
  ),
);

/** When the prices were taken, in Unix seconds: the `created` of every listed model. */
export const PRICES_TAKEN_AT = Math.floor(Date.parse(`${MODEL_PRICES.takenOn}T00:00:00Z`) / 1000);
