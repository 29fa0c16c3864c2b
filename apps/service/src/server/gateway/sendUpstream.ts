import { Agent, type Dispatcher, request } from 'undici';
import { createPublicDispatcher } from '../platform/http/createPublicDispatcher.ts';
import { NotPublicHostError, type ResolveHost } from '../platform/http/resolvePublicHost.ts';
import type { UpstreamRequest } from './buildUpstreamRequest.ts';
import { type GatewayResult, gatewayProblem } from './GatewayProblem.ts';
import type { UpstreamRoute } from './resolveUpstream.ts';

/** The connection pools the gateway calls providers through. */
export interface GatewayDispatchers {
  /** Known providers, at their official or configured URLs. */
  trusted: Dispatcher;
  /** URLs the caller chose: public addresses only in production, loopback too in development. */
  public: Dispatcher;
  /** Waits for the calls in flight, then closes. */
  close(): Promise<void>;
  /** Ends every call in flight at once. */
  destroy(): Promise<void>;
}

/**
 * The two pools. undici's own bounds apply to both: 10 s to connect, 300 s for the answer's
 * headers (a full, non-streamed completion arrives only when it is done) and 300 s between
 * two chunks of its body.
 */
export function createGatewayDispatchers(options: {
  production: boolean;
  resolve: ResolveHost;
}): GatewayDispatchers {
  const trusted = new Agent({ keepAliveTimeout: 30_000, connect: { timeout: 10_000 } });
  const guarded = createPublicDispatcher({
    allowLoopback: !options.production,
    resolve: options.resolve,
  });
  return {
    trusted,
    public: guarded,
    close: async () => {
      await Promise.all([trusted.close(), guarded.close()]);
    },
    destroy: async () => {
      await Promise.all([trusted.destroy(), guarded.destroy()]);
    },
  };
}

/** The provider's answer: status, headers and its body as a Node stream, not yet read. */
export type UpstreamResponse = Pick<Dispatcher.ResponseData, 'statusCode' | 'headers' | 'body'>;

const TIMEOUTS = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'ETIMEDOUT',
]);

/**
 * Sends the request through the pool its route calls for and resolves with the provider's
 * answer, whatever its status, or with why there is none: a host refused by the guard (403), a
 * provider that cannot be reached (502) or does not answer in time (504). Redirects are not
 * followed: they go back to the caller as they are.
 */
export async function sendUpstream(
  upstream: UpstreamRequest,
  route: Pick<UpstreamRoute, 'guard'>,
  dispatchers: Pick<GatewayDispatchers, 'trusted' | 'public'>,
  signal?: AbortSignal,
): Promise<GatewayResult<UpstreamResponse>> {
  try {
    const response = await request(upstream.url, {
      method: upstream.method as Dispatcher.HttpMethod,
      headers: upstream.headers,
      body: upstream.body,
      dispatcher: route.guard === 'public' ? dispatchers.public : dispatchers.trusted,
      ...(signal ? { signal } : {}),
    });
    return { ok: true, value: response };
  } catch (error) {
    return { ok: false, problem: upstreamFailure(error, upstream.url) };
  }
}

function upstreamFailure(error: unknown, url: URL) {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  if (cause instanceof NotPublicHostError || error instanceof NotPublicHostError) {
    const reason = (cause instanceof Error ? cause : (error as Error)).message;
    return gatewayProblem(
      'target_not_allowed',
      `the provider URL is not on a public address: ${reason}`,
      'Send u= (or the rewrite path) as the public https URL of the API you mean to call; addresses of this network or machine are reachable only from a development service',
    );
  }
  const code = (cause as NodeJS.ErrnoException | undefined)?.code ?? '';
  if (TIMEOUTS.has(code)) {
    return gatewayProblem(
      'upstream_timeout',
      `${url.host} did not answer in time`,
      'Try again; if it keeps happening, send smaller requests or stream the answer',
    );
  }
  return gatewayProblem(
    'upstream_unreachable',
    `${url.host} could not be reached (${code || (cause instanceof Error ? cause.message : 'no answer')})`,
    'Check the provider URL, and try again',
  );
}
