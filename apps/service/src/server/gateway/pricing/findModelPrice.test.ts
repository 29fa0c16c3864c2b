import { describe, expect, it } from 'vitest';
import { findModelPrice } from './findModelPrice.ts';
import { MODEL_PRICES } from './MODEL_PRICES.ts';

const found = (provider: Parameters<typeof findModelPrice>[0], model: string) =>
  findModelPrice(provider, model)?.model ?? null;

describe('findModelPrice', () => {
  it('finds a model by its name, and a dated version by the longest name it starts with', () => {
    expect(found('openai', 'gpt-4o')).toBe('gpt-4o');
    expect(found('openai', 'gpt-4o-2024-08-06')).toBe('gpt-4o');
    expect(found('openai', 'gpt-4o-mini-2024-07-18')).toBe('gpt-4o-mini');
    expect(found('openai', 'o3-pro-2025-06-10')).toBe('o3-pro');
    expect(found('anthropic', 'claude-sonnet-4-5-20250929')).toBe('claude-sonnet-4-5');
    expect(found('anthropic', 'claude-sonnet-4-20250514')).toBe('claude-sonnet-4');
    expect(found('mistral', 'mistral-large-latest')).toBe('mistral-large');
    expect(found('xai', 'grok-4-fast-reasoning')).toBe('grok-4-fast');
  });

  it("ignores case and Gemini's models/ prefix", () => {
    expect(found('google', 'models/gemini-2.5-flash')).toBe('gemini-2.5-flash');
    expect(found('together', 'qwen/qwen2.5-72b-instruct-turbo')).toBe(
      'Qwen/Qwen2.5-72B-Instruct-Turbo',
    );
  });

  it('finds nothing for a name that only looks like one, or a model of another provider', () => {
    expect(found('openai', 'gpt-4oo')).toBeNull();
    expect(found('openai', 'claude-sonnet-4-5')).toBeNull();
    expect(found('openai', 'my-finetune')).toBeNull();
  });

  it('searches every provider for a provider it does not know', () => {
    expect(findModelPrice(null, 'claude-haiku-4-5')).toMatchObject({ provider: 'anthropic' });
  });

  it('keeps its prices as decimal strings, with the date they were taken', () => {
    expect(MODEL_PRICES.takenOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    for (const models of Object.values(MODEL_PRICES.providers)) {
      for (const price of Object.values(models)) {
        for (const rate of [price.input, price.output, price.cacheRead, price.cacheWrite]) {
          expect(rate).toMatch(/^\d+(\.\d+)?$/);
        }
      }
    }
  });
});
