import { describe, expect, it } from 'vitest';
import { PROVIDER_IDS } from '../../testing/PROVIDER_IDS.ts';
import { readProviderSettings } from '../providers/readProviderSettings.ts';
import { toRestServices } from './toRestServices.ts';

const config = readProviderSettings({ LAVA_PROVIDER_ANTHROPIC_KEY: 'sk-ant-operator' });

describe('toRestServices', () => {
  it("lists each model with its list prices per million tokens, and whether the service holds the provider's key", () => {
    const services = toRestServices(config);
    expect(services.object).toBe('list');
    expect(services.data.find((s) => s.id === 'claude-sonnet-4-5')).toEqual({
      id: 'claude-sonnet-4-5',
      object: 'model',
      provider: 'anthropic',
      provider_label: 'Anthropic',
      api_reference: 'https://docs.anthropic.com/en/api',
      service_type: 'model',
      managed: true,
      pricing: {
        type: 'tokens_1m',
        input: 3,
        output: 15,
        cache_input_read: 0.3,
        cache_input_write: 3.75,
        cost_per_request: 0,
      },
      capabilities: ['chat', 'streaming'],
    });
    const embedding = services.data.find((s) => s.id === 'text-embedding-3-small');
    expect(embedding).toMatchObject({
      managed: false,
      capabilities: ['embeddings'],
      pricing: { input: 0.02, output: 0 },
    });
  });

  it('lists every provider with its count of models, and one provider alone when asked', () => {
    const { providers, data } = toRestServices(config);
    expect(providers.map((p) => p.id)).toEqual(PROVIDER_IDS);
    expect(providers.reduce((n, p) => n + p.entry_count, 0)).toBe(data.length);
    const one = toRestServices(config, 'deepseek');
    expect(one.data.map((s) => s.id)).toEqual(['deepseek-chat', 'deepseek-reasoner']);
    expect(one.providers).toEqual([
      expect.objectContaining({
        id: 'deepseek',
        label: 'DeepSeek',
        managed: false,
        entry_count: 2,
      }),
    ]);
  });
});
