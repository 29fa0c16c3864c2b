import { describe, expect, it } from 'vitest';
import { PROVIDER_IDS } from '../../testing/PROVIDER_IDS.ts';
import { readProviderSettings } from './readProviderSettings.ts';

describe('readProviderSettings', () => {
  it("reads each provider's key and URL, and leaves the others unset", () => {
    const config = readProviderSettings({
      LAVA_PROVIDER_OPENAI_KEY: ' sk-operator ',
      LAVA_PROVIDER_OPENAI_URL: 'http://127.0.0.1:9000',
      LAVA_PROVIDER_ANTHROPIC_KEY: 'sk-ant-operator',
      LAVA_PROVIDER_GROQ_URL: 'https://proxy.example.com/groq',
      LAVA_PROVIDER_MISTRAL_KEY: '',
      UNRELATED: 'x',
    });
    expect(config.openai.key).toBe('sk-operator');
    expect(config.openai.url?.href).toBe('http://127.0.0.1:9000/');
    expect(config.anthropic).toEqual({ key: 'sk-ant-operator', url: null });
    expect(config.groq.url?.href).toBe('https://proxy.example.com/groq');
    expect(config.mistral).toEqual({ key: null, url: null });
    expect(Object.keys(config)).toEqual(PROVIDER_IDS);
  });

  it('refuses, in one error, a provider it does not know, a key with a line break and URLs it cannot use', () => {
    const read = () =>
      readProviderSettings({
        LAVA_PROVIDER_GEMINI_KEY: 'AIza-operator',
        LAVA_PROVIDER_OPENAI_KEY: 'sk-one\nsk-two',
        LAVA_PROVIDER_ANTHROPIC_URL: 'ftp://files.example.com',
        LAVA_PROVIDER_XAI_URL: 'https://proxy.example.com/x?token=1',
        LAVA_PROVIDER_TOGETHER_URL: 'not a url',
      });
    expect(read).toThrow(
      /LAVA_PROVIDER_GEMINI_KEY names no provider this gateway knows; the names are OPENAI, ANTHROPIC, GOOGLE,/,
    );
    expect(read).toThrow(
      /LAVA_PROVIDER_OPENAI_KEY must be the key alone, without spaces or line breaks/,
    );
    expect(read).toThrow(/LAVA_PROVIDER_ANTHROPIC_URL must be an http or https URL/);
    expect(read).toThrow(/LAVA_PROVIDER_XAI_URL must be an http or https URL without a query/);
    expect(read).toThrow(/LAVA_PROVIDER_TOGETHER_URL must be/);
    expect(read).toThrow(/Fix these settings in the environment, or unset them\.$/);
  });
});
