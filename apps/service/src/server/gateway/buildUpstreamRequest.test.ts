import { describe, expect, it } from 'vitest';
import { buildUpstreamRequest } from './buildUpstreamRequest.ts';
import { inspectRequest } from './inspectRequest.ts';
import type { UpstreamRoute } from './resolveUpstream.ts';

const route = (overrides: Partial<UpstreamRoute> = {}): UpstreamRoute => ({
  provider: null,
  url: new URL('http://127.0.0.1:9000/v1/chat/completions'),
  providerKey: 'sk-operator',
  keyType: 'managed',
  auth: 'bearer',
  guard: 'trusted',
  usageFormat: 'openai_chat',
  streamUsageOption: true,
  ...overrides,
});

function build(options: {
  headers?: Record<string, string>;
  body?: unknown;
  route?: Partial<UpstreamRoute>;
  reportUsage?: boolean;
}) {
  const body = options.body === undefined ? null : Buffer.from(JSON.stringify(options.body));
  const upstream = route(options.route);
  return buildUpstreamRequest({
    method: 'POST',
    headers: new Headers(options.headers ?? {}),
    body,
    route: upstream,
    facts: inspectRequest(upstream.url.pathname, body),
    reportUsage: options.reportUsage ?? true,
  });
}
const text = (body: Uint8Array | null) => (body ? Buffer.from(body).toString() : null);

describe('buildUpstreamRequest', () => {
  it("keeps the caller's headers but this hop's, Lava's and every credential, and sets the provider key", () => {
    const request = build({
      headers: {
        authorization: 'Bearer lava-forward-token',
        'x-api-key': 'lava-forward-token',
        'content-type': 'application/json',
        'content-length': '99',
        connection: 'keep-alive, x-hop',
        'x-hop': 'this hop only',
        'keep-alive': 'timeout=5',
        'transfer-encoding': 'chunked',
        'x-lava-metadata': '{"user":"1"}',
        'accept-encoding': 'gzip, br',
        'openai-organization': 'org-1',
        'x-stainless-lang': 'js',
      },
      body: { model: 'gpt-4o' },
    });
    expect(request.headers).toEqual({
      'content-type': 'application/json',
      'openai-organization': 'org-1',
      'x-stainless-lang': 'js',
      'accept-encoding': 'identity',
      authorization: 'Bearer sk-operator',
    });
    expect(request.method).toBe('POST');
    expect(request.url.href).toBe('http://127.0.0.1:9000/v1/chat/completions');
  });

  it("sends the call's own request id, never the caller's x-lava- headers", () => {
    const request = buildUpstreamRequest({
      method: 'POST',
      headers: { 'x-lava-request-id': 'req_forged', 'x-lava-metadata': '{}' },
      body: null,
      route: route(),
      facts: inspectRequest('/v1/chat/completions', null),
      reportUsage: true,
      requestId: 'req_test_1',
    });
    expect(request.headers['x-lava-request-id']).toBe('req_test_1');
    expect(request.headers['x-lava-metadata']).toBeUndefined();
  });

  it('sends Anthropic its key in x-api-key with a version, keeping the version the caller chose', () => {
    const anthropic = { auth: 'x-api-key', usageFormat: 'anthropic_messages' } as const;
    expect(build({ route: anthropic }).headers).toMatchObject({
      'x-api-key': 'sk-operator',
      'anthropic-version': '2023-06-01',
    });
    expect(
      build({ route: anthropic, headers: { 'anthropic-version': '2024-01-01' } }).headers,
    ).toMatchObject({
      'anthropic-version': '2024-01-01',
    });
    expect(build({ route: anthropic }).headers.authorization).toBeUndefined();
  });

  it('sends Gemini its key in x-goog-api-key', () => {
    const request = build({ route: { auth: 'x-goog-api-key', usageFormat: 'gemini' } });
    expect(request.headers['x-goog-api-key']).toBe('sk-operator');
    expect(request.headers.authorization).toBeUndefined();
  });

  it('asks a streamed chat completion for usage whatever the caller sent, when usage is to be reported', () => {
    const off = { model: 'gpt-4o', stream: true, stream_options: { include_usage: false } };
    expect(JSON.parse(text(build({ body: off }).body) ?? '').stream_options).toEqual({
      include_usage: true,
    });
    const none = { model: 'gpt-4o', stream: true };
    expect(JSON.parse(text(build({ body: none }).body) ?? '').stream_options).toEqual({
      include_usage: true,
    });
  });

  it('leaves the body alone when usage is not to be reported, the call does not stream, or the provider does not take the option', () => {
    const streamed = { model: 'gpt-4o', stream: true };
    expect(text(build({ body: streamed, reportUsage: false }).body)).toBe(JSON.stringify(streamed));
    expect(text(build({ body: { model: 'gpt-4o' } }).body)).toBe('{"model":"gpt-4o"}');
    expect(text(build({ body: streamed, route: { streamUsageOption: false } }).body)).toBe(
      JSON.stringify(streamed),
    );
    expect(text(build({ body: streamed, route: { usageFormat: 'anthropic_messages' } }).body)).toBe(
      JSON.stringify(streamed),
    );
  });

  it('takes headers as Node gives them too', () => {
    const request = buildUpstreamRequest({
      method: 'GET',
      headers: { 'x-api-key': 'lava', accept: 'application/json', 'set-cookie': ['a=1', 'b=2'] },
      body: null,
      route: route(),
      facts: inspectRequest('/v1/models', null),
      reportUsage: true,
    });
    expect(request.headers).toEqual({
      accept: 'application/json',
      'set-cookie': ['a=1', 'b=2'],
      'accept-encoding': 'identity',
      authorization: 'Bearer sk-operator',
    });
  });
});
