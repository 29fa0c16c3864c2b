import type { IncomingHttpHeaders } from 'node:http';
import { ensureStreamUsage } from './ensureStreamUsage.ts';
import type { HeaderSource } from './headerOf.ts';
import type { RequestFacts } from './inspectRequest.ts';
import type { UpstreamRoute } from './resolveUpstream.ts';

/** A request ready for undici's `request()`. */
export interface UpstreamRequest {
  url: URL;
  method: string;
  headers: Record<string, string | string[]>;
  body: Uint8Array | null;
}

/**
 * Headers that never go upstream: those of this hop (RFC 9110 §7.6.1, and `host` and
 * `content-length`, which the next hop gets anew); every header that can carry a credential,
 * since the gateway sends the provider key itself; and the encodings the caller accepts, since
 * the gateway reads the answer's usage and asks for it uncompressed.
 */
const DROPPED = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authorization',
  'proxy-authenticate',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
  'content-length',
  'expect',
  'authorization',
  'x-api-key',
  'x-goog-api-key',
  'xi-api-key',
  'accept-encoding',
]);

/** What Anthropic's API is asked for when the caller names no version. */
export const DEFAULT_ANTHROPIC_VERSION = '2023-06-01';

/**
 * The request to send upstream: the caller's method, body and headers, without the headers of
 * this hop, Lava's own (`x-lava-*`) and any credential, and with the provider key set the way
 * the provider takes it. With `requestId`, the call's id goes along as `x-lava-request-id`
 * (the one the caller is answered with): the provider's or a proxy's logs can name the call. When `reportUsage` is set and the call is a streamed OpenAI-shaped
 * chat completion, the body asks for usage (`ensureStreamUsage`), whatever the caller sent;
 * other bodies go as they came.
 */
export function buildUpstreamRequest(input: {
  method: string;
  headers: HeaderSource;
  body: Uint8Array | null;
  route: UpstreamRoute;
  facts: RequestFacts;
  reportUsage: boolean;
  requestId?: string;
}): UpstreamRequest {
  const { route, facts } = input;
  const headers: Record<string, string | string[]> = {};
  const source = input.headers;
  const named = connectionHeaders(source);
  const keep = (name: string, value: string | string[] | undefined) => {
    if (value === undefined || DROPPED.has(name) || name.startsWith('x-lava-')) return;
    if (named?.has(name)) return;
    headers[name] = value;
  };
  if (source instanceof Headers) {
    source.forEach((value, name) => {
      keep(name, value);
    });
  } else {
    for (const name in source) keep(name, (source as IncomingHttpHeaders)[name]);
  }
  headers['accept-encoding'] = 'identity';
  if (input.requestId) headers['x-lava-request-id'] = input.requestId;
  switch (route.auth) {
    case 'bearer':
      headers.authorization = `Bearer ${route.providerKey}`;
      break;
    case 'x-api-key':
      headers['x-api-key'] = route.providerKey;
      headers['anthropic-version'] ??= DEFAULT_ANTHROPIC_VERSION;
      break;
    case 'x-goog-api-key':
      headers['x-goog-api-key'] = route.providerKey;
      break;
    default:
      route.auth satisfies never;
  }
  let body = input.body;
  if (
    body &&
    input.reportUsage &&
    facts.stream &&
    facts.json &&
    route.usageFormat === 'openai_chat' &&
    route.streamUsageOption
  ) {
    body = ensureStreamUsage(body, facts.json);
  }
  return { url: route.url, method: input.method, headers, body };
}

/** The headers a `Connection` header names as this hop's own. */
function connectionHeaders(source: HeaderSource): Set<string> | null {
  const value = source instanceof Headers ? source.get('connection') : source.connection;
  if (!value) return null;
  return new Set(value.split(',').map((name) => name.trim().toLowerCase()));
}
