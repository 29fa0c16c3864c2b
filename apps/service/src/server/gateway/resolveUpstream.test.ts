import { describe, expect, it } from 'vitest';
import { readProviderSettings } from './providers/readProviderSettings.ts';
import { type GatewayCredential, readGatewayCredential } from './readGatewayCredential.ts';
import { readGatewayTarget } from './readGatewayTarget.ts';
import { resolveUpstream } from './resolveUpstream.ts';

const KEY = 'aks_test_resolveUpstream';
const token = (body: object) =>
  Buffer.from(JSON.stringify({ secret_key: KEY, ...body })).toString('base64');
const config = readProviderSettings({
  LAVA_PROVIDER_OPENAI_KEY: 'sk-operator',
  LAVA_PROVIDER_OPENAI_URL: 'http://127.0.0.1:9000',
  LAVA_PROVIDER_ANTHROPIC_KEY: 'sk-ant-operator',
  LAVA_PROVIDER_GOOGLE_KEY: 'AIza-operator',
  LAVA_PROVIDER_GROQ_KEY: 'gsk-operator',
  LAVA_PROVIDER_GROQ_URL: 'http://127.0.0.1:9001/proxied/',
});

function route(url: string, headers: Record<string, string> = { authorization: `Bearer ${KEY}` }) {
  const target = readGatewayTarget(url);
  if (!target.ok) throw new Error(target.problem.message);
  const credential = readGatewayCredential(headers, target.value.keyParam);
  if (!credential.ok) throw new Error(credential.problem.message);
  return resolveUpstream(target.value, credential.value as GatewayCredential, config);
}
function routed(...args: Parameters<typeof route>) {
  const result = route(...args);
  if (!result.ok) throw new Error(result.problem.message);
  return result.value;
}
function refusal(...args: Parameters<typeof route>) {
  const result = route(...args);
  if (result.ok) throw new Error(`${args[0]} was routed, where the test expects a refusal`);
  return result.problem;
}

describe('resolveUpstream', () => {
  it("sends a known provider's URL where its setting points, with the service's key", () => {
    const openai = routed('/v1/forward?u=https://api.openai.com/v1/chat/completions');
    expect(openai).toMatchObject({
      provider: { id: 'openai' },
      providerKey: 'sk-operator',
      keyType: 'managed',
      auth: 'bearer',
      guard: 'trusted',
      usageFormat: 'openai_chat',
    });
    expect(openai.url.href).toBe('http://127.0.0.1:9000/v1/chat/completions');
    const groq = routed('/v1/forward?u=https://api.groq.com/openai/v1/chat/completions?x=1');
    expect(groq.url.href).toBe('http://127.0.0.1:9001/proxied/openai/v1/chat/completions?x=1');
  });

  it('sends each provider its key the way it takes it, and knows each usage shape', () => {
    expect(routed('/v1/forward?u=https://api.anthropic.com/v1/messages')).toMatchObject({
      auth: 'x-api-key',
      usageFormat: 'anthropic_messages',
    });
    const gemini = routed(
      '/v1/forward?u=https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse',
    );
    expect(gemini).toMatchObject({ auth: 'x-goog-api-key', usageFormat: 'gemini' });
    expect(gemini.url.href).toBe(
      'https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse',
    );
    expect(
      routed(
        '/v1/forward?u=https://generativelanguage.googleapis.com/v1beta/openai/chat/completions',
      ),
    ).toMatchObject({ auth: 'bearer', usageFormat: 'openai_chat' });
    expect(routed('/v1/forward?u=https://api.openai.com/v1/responses')).toMatchObject({
      usageFormat: 'openai_responses',
    });
  });

  it("uses the caller's own provider key over the service's", () => {
    const own = routed('/v1/forward?u=https://api.anthropic.com/v1/messages', {
      authorization: `Bearer ${token({ provider_key: 'sk-ant-own' })}`,
    });
    expect(own).toMatchObject({
      providerKey: 'sk-ant-own',
      keyType: 'unmanaged',
      guard: 'trusted',
    });
  });

  it('takes the Lava credential out of the provider URL when it came in ?key=', () => {
    const gemini = routed(
      `/v1/forward?u=https://generativelanguage.googleapis.com/v1beta/models/m:generateContent?key=${KEY}&alt=sse`,
      {},
    );
    expect(gemini.url.search).toBe('?alt=sse');
    // A key that is not Lava's stays: it is the caller's, for the provider.
    const theirs = routed(
      '/v1/forward?u=https://generativelanguage.googleapis.com/v1beta/models/m:generateContent?key=AIza-own',
    );
    expect(theirs.url.search).toBe('?key=AIza-own');
  });

  it("allows a URL no provider has only with the caller's own key, through the public-address guard", () => {
    const refused = refusal('/v1/forward?u=https://llm.example.com/v1/chat/completions');
    expect(refused).toMatchObject({ code: 'target_not_allowed', status: 403 });
    expect(refused.message).toMatch(
      /llm\.example\.com is not a provider this gateway knows .*Send your key for it as provider_key/,
    );
    const own = routed('/v1/forward?u=https://llm.example.com/v1/chat/completions', {
      authorization: `Bearer ${token({ provider_key: 'sk-own' })}`,
    });
    expect(own).toMatchObject({
      provider: null,
      guard: 'public',
      keyType: 'unmanaged',
      auth: 'bearer',
    });
    // A known host on another port is not that provider.
    expect(route('/v1/forward?u=https://api.openai.com:8443/v1/chat/completions').ok).toBe(false);
  });

  it('answers 503 for a known provider the service has no key for, and says which setting', () => {
    const refused = refusal('/v1/forward?u=https://api.mistral.ai/v1/chat/completions');
    expect(refused).toMatchObject({ code: 'provider_not_configured', status: 503 });
    expect(refused.message).toBe(
      'Lava Checkout: this service has no key for Mistral. Set LAVA_PROVIDER_MISTRAL_KEY on the service, or send your own key as provider_key in the forward token.',
    );
  });
});
