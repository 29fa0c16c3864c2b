import { Lava } from '@lavapayments/nodejs';
import { describe, expect, it } from 'vitest';
import { type GatewayTarget, readGatewayTarget, withoutKeyParam } from './readGatewayTarget.ts';

const BASE = 'http://127.0.0.1:4001/v1/';
const lava = new Lava('aks_test_key', { baseUrl: BASE });

function target(url: string): GatewayTarget {
  const result = readGatewayTarget(url);
  if (!result.ok) throw new Error(result.problem.message);
  return result.value;
}
function refusal(url: string) {
  const result = readGatewayTarget(url);
  if (result.ok) throw new Error(`expected a refusal, got ${result.value.url}`);
  return result.problem;
}

describe('readGatewayTarget: /v1/forward', () => {
  it("reads the SDK's providers.* URL, raw, with the path a caller appends", () => {
    const read = target(`${lava.providers.openai}/chat/completions`);
    expect(read.url.href).toBe('https://api.openai.com/v1/chat/completions');
    expect(read).toMatchObject({
      route: 'forward',
      format: null,
      keyParam: null,
      clientSuffix: null,
    });
  });

  it("gives a raw u the rest of the query, the caller's own parameters included", () => {
    expect(
      target('/v1/forward?u=https://api.example.com/v1/items?limit=2&order=asc').url.href,
    ).toBe('https://api.example.com/v1/items?limit=2&order=asc');
    // Appended with & to a u that had no query: the first & starts the provider's query.
    expect(
      target('/v1/forward?u=https://api.example.com/v1/items&limit=2&order=asc').url.href,
    ).toBe('https://api.example.com/v1/items?limit=2&order=asc');
  });

  it('reads an encoded u as gateway() builds it, and the query an encoded URL carries', () => {
    const url = 'https://api.openai.com/v1/chat/completions?a=1&b=x%20y';
    const built = `${BASE}forward?u=${encodeURIComponent(url)}`;
    expect(target(built).url.href).toBe(url);
    // Parameters after an encoded u also go to the provider, as the official clients add them.
    expect(
      target(
        `/v1/forward?u=${encodeURIComponent('https://api.anthropic.com/v1/messages')}&beta=true`,
      ).url.href,
    ).toBe('https://api.anthropic.com/v1/messages?beta=true');
  });

  it('writes a repeated API version once, as the Anthropic client makes of providers.anthropic', () => {
    // The client's base URL has no /v1; it appends /v1/messages and re-encodes the query.
    const sent = new URL(`${lava.providers.anthropic}/v1/messages`);
    sent.search = new URLSearchParams(Object.fromEntries(sent.searchParams)).toString();
    expect(sent.search).toContain('https%3A%2F%2F');
    expect(target(sent.href).url.href).toBe('https://api.anthropic.com/v1/messages');
    expect(
      target(`${lava.providers.google}/v1beta/models/gemini-2.5-flash:generateContent`).url.href,
    ).toBe(
      'https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent',
    );
  });

  it('finds the key parameter before u, or in the provider URL', () => {
    expect(target('/v1/forward?key=TOKEN&u=https://api.example.com/x').keyParam).toBe('TOKEN');
    const inside = target(
      '/v1/forward?u=https://generativelanguage.googleapis.com/v1beta/models/m:generateContent?alt=sse&key=TOKEN',
    );
    expect(inside.keyParam).toBe('TOKEN');
    expect(withoutKeyParam(inside.url).href).toBe(
      'https://generativelanguage.googleapis.com/v1beta/models/m:generateContent?alt=sse',
    );
  });

  it('reads the older /v1/forward/<name>?u= shape', () => {
    expect(target('/v1/forward/openai?u=https://api.openai.com/v1/models').url.href).toBe(
      'https://api.openai.com/v1/models',
    );
  });

  it.each([
    ['/v1/forward', /names no provider URL\. Call \/v1\/forward\?u=/],
    ['/v1/forward?u=', /u must be an http or https URL/],
    ['/v1/forward?u=ftp://files.example.com/x', /u must be an http or https URL, not "ftp:/],
    ['/v1/forward?u=https%3A%2F%2Fapi.example.com%2%', /u is not validly URL-encoded/],
    ['/v1/forward?u=https://', /is not a valid URL/],
    ['/v1/forward?u=https://user:pw@api.example.com/', /user name or password/],
    ['/v1/forward?model=x&u=https://api.example.com/', /"model" before u, where only key may be/],
    ['/v1/forwarded?u=https://api.example.com/', /is not a gateway URL/],
  ])('refuses %s with a reason and a fix', (url, reason) => {
    const problem = refusal(url);
    expect(problem).toMatchObject({ code: 'invalid_target', status: 400 });
    expect(problem.message).toMatch(reason);
    expect(problem.message).toMatch(/^Lava Checkout: .+\. .+\.$/);
  });
});

describe('readGatewayTarget: /v1/rewrite', () => {
  it('reads the format and the raw provider URL, as gateway(url, { format }) builds it', async () => {
    const url = 'https://api.anthropic.com/v1/messages';
    const read = target(`${BASE}rewrite/openai/${url}`);
    expect(read).toMatchObject({ route: 'rewrite', format: 'openai', clientSuffix: null });
    expect(read.url.href).toBe(url);
  });

  it('takes off what a client pointed at a rewrite URL appends, after a URL that names an endpoint', () => {
    const openai = target(
      '/v1/rewrite/openai/https://api.anthropic.com/v1/messages/chat/completions',
    );
    expect(openai.url.href).toBe('https://api.anthropic.com/v1/messages');
    expect(openai.clientSuffix).toBe('/chat/completions');
    const anthropic = target(
      '/v1/rewrite/anthropic/https://api.openai.com/v1/chat/completions/v1/messages?beta=true',
    );
    expect(anthropic.url.href).toBe('https://api.openai.com/v1/chat/completions?beta=true');
    expect(anthropic.clientSuffix).toBe('/v1/messages');
    const google = target(
      '/v1/rewrite/google/https://api.openai.com/v1/chat/completions/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse',
    );
    expect(google.url.pathname).toBe('/v1/chat/completions');
    expect(google.clientSuffix).toBe('/v1beta/models/gemini-2.5-flash:streamGenerateContent');
  });

  it('keeps a suffix that is the endpoint itself', () => {
    expect(target('/v1/rewrite/openai/https://api.openai.com/v1/chat/completions').url.href).toBe(
      'https://api.openai.com/v1/chat/completions',
    );
  });

  it('mends a scheme whose // a proxy folded', () => {
    expect(target('/v1/rewrite/openai/https:/api.openai.com/v1/chat/completions').url.host).toBe(
      'api.openai.com',
    );
  });

  it('refuses a format it does not rewrite, and a missing URL', () => {
    expect(refusal('/v1/rewrite/bedrock/https://bedrock.example.com/x').message).toMatch(
      /"bedrock" is not a format this gateway rewrites\. Call \/v1\/rewrite\/<openai\|anthropic\|google>/,
    );
    expect(refusal('/v1/rewrite/openai/').message).toMatch(/names no http or https provider URL/);
  });
});
