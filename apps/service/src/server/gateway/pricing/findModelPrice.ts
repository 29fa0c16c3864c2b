import { PROVIDERS, type ProviderId } from '../providers/PROVIDERS.ts';
import { MODEL_PRICES, type ModelPrice } from './MODEL_PRICES.ts';

/** A model's price, and the names it was found under. */
export interface FoundPrice {
  provider: ProviderId;
  /** The name in the price table (`gpt-4o` for `gpt-4o-2024-08-06`). */
  model: string;
  price: ModelPrice;
}

type Entry = { key: string; found: FoundPrice };

/** Per provider, its models' names in lower case, longest first, so the first prefix found is the longest. */
const TABLE = new Map<ProviderId, Entry[]>(
  PROVIDERS.map((provider) => [
    provider.id,
    Object.entries(MODEL_PRICES.providers[provider.id] as Record<string, ModelPrice>)
      .map(([model, price]) => ({
        key: model.toLowerCase(),
        found: { provider: provider.id, model, price },
      }))
      .sort((a, b) => b.key.length - a.key.length),
  ]),
);
/** What may follow a model's name in a dated or suffixed version of it. */
const SEPARATORS = new Set(['-', '@', ':', '.', '_']);

/**
 * The price of `model` at `provider`, or, for a provider the gateway does not know (`null`), at
 * the first provider that lists it; `null` when the table has no price for it. Names compare
 * without case and without Gemini's `models/` prefix; a name not in the table takes the price
 * of the longest name it starts with, followed by `-`, `@`, `:`, `.` or `_`.
 */
export function findModelPrice(provider: ProviderId | null, model: string): FoundPrice | null {
  let name = model.toLowerCase();
  if (name.startsWith('models/')) name = name.slice('models/'.length);
  const lists = provider ? [TABLE.get(provider) ?? []] : [...TABLE.values()];
  for (const entries of lists) {
    for (const { key, found } of entries) {
      if (name === key) return found;
    }
    for (const { key, found } of entries) {
      if (name.startsWith(key) && SEPARATORS.has(name.charAt(key.length))) return found;
    }
  }
  return null;
}
