import { type GatewayResult, refuse } from './GatewayProblem.ts';

/** The request shapes a rewrite call may speak. */
export type RewriteFormat = 'openai' | 'anthropic' | 'google';

/** The provider URL a gateway call names. */
export interface GatewayTarget {
  route: 'forward' | 'rewrite';
  /** The shape a `rewrite` call's body is in; `null` for `forward`. */
  format: RewriteFormat | null;
  /**
   * The provider URL, with the query the caller gave it. Lava's own `key` parameter is still in
   * it: `withoutKeyParam` takes it out once it is known to be the Lava credential.
   */
  url: URL;
  /** The `key` query parameter: on the gateway URL before `u`, else in the provider URL's query. */
  keyParam: string | null;
  /** What the caller's client appended to a rewrite URL and was taken off (`/chat/completions`). */
  clientSuffix: string | null;
}

const FORWARD = '/v1/forward';
const REWRITE = '/v1/rewrite/';
const FORMATS = new Set<string>(['openai', 'anthropic', 'google']);
/** A repeated API version (`/v1/v1/`), as the Anthropic client makes of `…/forward?u=https://api.anthropic.com/v1`. */
const REPEATED_VERSION = /\/(v\d+[a-z0-9]*)\/\1(?=\/|$)/;
/** `https:/host`: a provider URL whose `//` a proxy folded into `/`. */
const FOLDED_SCHEME = /^https?:\/[^/]/i;
/** What each format's official client appends to its base URL. */
const CLIENT_SUFFIX: Record<RewriteFormat, RegExp> = {
  openai: /(?:\/v1)?\/(?:chat\/completions|responses|embeddings)$/,
  anthropic: /(?:\/v1)?\/messages$/,
  google: /\/(?:v1|v1beta|v1alpha)\/models\/[^/]+:(?:generateContent|streamGenerateContent)$/,
};
/** A path that already names an endpoint, so a client suffix after it is the client's. */
const ENDPOINT =
  /(?:\/chat\/completions|\/completions|\/responses|\/embeddings|\/messages|:generateContent|:streamGenerateContent)$/;

const HOW_FORWARD =
  'Call /v1/forward?u=<provider URL>, e.g. /v1/forward?u=https://api.openai.com/v1/chat/completions';
const HOW_REWRITE =
  'Call /v1/rewrite/<openai|anthropic|google>/<provider URL>, e.g. /v1/rewrite/openai/https://api.openai.com/v1/chat/completions';

const startsWithFolded = (text: string, prefix: string) =>
  text.length >= prefix.length && text.slice(0, prefix.length).toLowerCase() === prefix;

/**
 * Reads the provider URL from a gateway call's path and query (or its whole URL), never
 * throwing:
 *
 * - `/v1/forward?u=<provider URL>`, with `u` URL-encoded (as `lava.gateway()` and the official
 *   clients send it) or raw (as `lava.providers.openai` is written, `…forward?u=https://api.openai.com/v1`,
 *   to which callers append `/chat/completions` and perhaps their own query). A raw `u` takes
 *   the rest of the query with it; after an encoded `u`, the other parameters also go to the
 *   provider. Only `key` may come before `u`. `/v1/forward/<name>?u=…`, an older shape, reads
 *   the same.
 * - `/v1/rewrite/<openai|anthropic|google>/<provider URL>`, the provider URL raw. A client
 *   pointed at such a URL appends its own path (`/chat/completions`, `/v1/messages`,
 *   `/v1beta/models/<model>:generateContent`); when the provider URL already ends in an
 *   endpoint, that suffix is taken off and kept in `clientSuffix`.
 *
 * In both, an API version written twice in a row (`/v1/v1/messages`) is written once.
 */
export function readGatewayTarget(requestUrl: string): GatewayResult<GatewayTarget> {
  let path = requestUrl;
  if (!path.startsWith('/')) {
    const scheme = path.indexOf('://');
    const slash = scheme === -1 ? -1 : path.indexOf('/', scheme + 3);
    path = slash === -1 ? '/' : path.slice(slash);
  }
  if (path.startsWith(FORWARD)) {
    const next = path.charCodeAt(FORWARD.length);
    // `?`, `/` (the older `/v1/forward/openai?u=`) or the end.
    if (Number.isNaN(next) || next === 63 || next === 47) return readForward(path);
  }
  if (path.startsWith(REWRITE)) return readRewrite(path.slice(REWRITE.length));
  return refuse('invalid_target', `${path.split('?')[0]} is not a gateway URL`, HOW_FORWARD);
}

function readForward(path: string): GatewayResult<GatewayTarget> {
  const question = path.indexOf('?');
  const query = question === -1 ? '' : path.slice(question + 1);
  let keyParam: string | null = null;
  let at = 0;
  // Parameters before `u`: only Lava's own `key`.
  while (at < query.length && !query.startsWith('u=', at)) {
    const end = query.indexOf('&', at);
    const param = query.slice(at, end === -1 ? query.length : end);
    if (param.startsWith('key=')) keyParam = safeDecode(param.slice(4));
    else if (param !== '') {
      return refuse(
        'invalid_target',
        `the gateway URL has "${param.split('=')[0]?.slice(0, 40)}" before u, where only key may be`,
        "Put the provider's own query parameters inside u, after the provider URL",
      );
    }
    if (end === -1) at = query.length;
    else at = end + 1;
  }
  if (at >= query.length) {
    return refuse('invalid_target', 'the gateway call names no provider URL', HOW_FORWARD);
  }
  const value = query.slice(at + 2);
  let upstream: string;
  if (startsWithFolded(value, 'https://') || startsWithFolded(value, 'http://')) {
    // Raw: everything after `u=` is the provider URL; a first `&` starts its query.
    upstream = value.includes('?') ? value : value.replace('&', '?');
  } else if (
    startsWithFolded(value, 'https%3a%2f%2f') ||
    startsWithFolded(value, 'http%3a%2f%2f')
  ) {
    const end = value.indexOf('&');
    const decoded = safeDecode(end === -1 ? value : value.slice(0, end));
    if (decoded === null) {
      return refuse(
        'invalid_target',
        'u is not validly URL-encoded',
        'Encode it with encodeURIComponent',
      );
    }
    const rest = end === -1 ? '' : value.slice(end + 1);
    upstream = rest === '' ? decoded : `${decoded}${decoded.includes('?') ? '&' : '?'}${rest}`;
  } else {
    return refuse(
      'invalid_target',
      `u must be an http or https URL, not "${value.slice(0, 60)}"`,
      HOW_FORWARD,
    );
  }
  return finish(upstream, 'forward', null, keyParam, null);
}

function readRewrite(rest: string): GatewayResult<GatewayTarget> {
  const slash = rest.indexOf('/');
  const format = slash === -1 ? rest : rest.slice(0, slash);
  if (!FORMATS.has(format)) {
    return refuse(
      'invalid_target',
      `"${format.split('?')[0]?.slice(0, 40)}" is not a format this gateway rewrites`,
      HOW_REWRITE,
    );
  }
  // Some proxies fold `//` into `/`: `https:/api.openai.com`.
  let raw = slash === -1 ? '' : rest.slice(slash + 1);
  if (FOLDED_SCHEME.test(raw)) raw = raw.replace(':/', '://');
  if (!startsWithFolded(raw, 'https://') && !startsWithFolded(raw, 'http://')) {
    return refuse(
      'invalid_target',
      'the rewrite URL names no http or https provider URL',
      HOW_REWRITE,
    );
  }
  return finish(
    raw,
    'rewrite',
    format as RewriteFormat,
    null,
    CLIENT_SUFFIX[format as RewriteFormat],
  );
}

function finish(
  upstream: string,
  route: GatewayTarget['route'],
  format: RewriteFormat | null,
  gatewayKey: string | null,
  suffix: RegExp | null,
): GatewayResult<GatewayTarget> {
  let url: URL;
  try {
    url = new URL(upstream);
  } catch {
    return refuse(
      'invalid_target',
      `the provider URL "${upstream.slice(0, 80)}" is not a valid URL`,
      route === 'forward' ? HOW_FORWARD : HOW_REWRITE,
    );
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.hostname === '') {
    return refuse('invalid_target', 'the provider URL must be http or https', HOW_FORWARD);
  }
  if (url.username !== '' || url.password !== '') {
    return refuse(
      'invalid_target',
      'the provider URL carries a user name or password',
      'Send your provider key as provider_key in the forward token instead',
    );
  }
  let pathname = url.pathname;
  const repeated = REPEATED_VERSION.exec(pathname);
  if (repeated) pathname = pathname.replace(repeated[0], `/${repeated[1]}`);
  let clientSuffix: string | null = null;
  const appended = suffix?.exec(pathname);
  if (appended && ENDPOINT.test(pathname.slice(0, appended.index))) {
    clientSuffix = appended[0];
    pathname = pathname.slice(0, appended.index);
  }
  if (pathname !== url.pathname) url.pathname = pathname;
  const keyParam = gatewayKey ?? (url.search.includes('key=') ? url.searchParams.get('key') : null);
  return { ok: true, value: { route, format, url, keyParam, clientSuffix } };
}

function safeDecode(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}

/**
 * `url` without its `key` query parameter, the rest of the query byte for byte as it was: for a
 * call whose Lava credential came in `?key=`, which must not reach the provider.
 */
export function withoutKeyParam(url: URL): URL {
  if (!url.search.includes('key=')) return url;
  const kept = url.search
    .slice(1)
    .split('&')
    .filter((param) => param !== 'key' && !param.startsWith('key='));
  const copy = new URL(url);
  copy.search = kept.length === 0 ? '' : `?${kept.join('&')}`;
  return copy;
}
