import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { buildUpstreamRequest } from '../gateway/buildUpstreamRequest.ts';
import { type GatewayProblem, toErrorBody } from '../gateway/GatewayProblem.ts';
import { inspectRequest } from '../gateway/inspectRequest.ts';
import { readProviderSettings } from '../gateway/providers/readProviderSettings.ts';
import { readGatewayCredential } from '../gateway/readGatewayCredential.ts';
import { readGatewayTarget } from '../gateway/readGatewayTarget.ts';
import {
  type RelayLimits,
  type RelayOutcome,
  relayResponse,
  type StartTimer,
} from '../gateway/relayResponse.ts';
import { resolveUpstream } from '../gateway/resolveUpstream.ts';
import { createGatewayDispatchers, sendUpstream } from '../gateway/sendUpstream.ts';
import { createCounter } from './createCounter.ts';
import { createTestResolver } from './createTestResolver.ts';

/** A relay's outcome, with the request it was for. */
export interface HarnessOutcome extends RelayOutcome {
  requestId: string;
}

export interface GatewayHarness {
  /** `http://127.0.0.1:<port>/v1/`: the SDK's `baseUrl`. */
  baseUrl: string;
  /** Every relay outcome, in the order they came. */
  outcomes: HarnessOutcome[];
  /** How many answers were relayed: each must have exactly one outcome. */
  relayed(): number;
  /** Resolves once `count` outcomes have come. */
  waitForOutcomes(count: number): Promise<HarnessOutcome[]>;
  /** Resolves once `count` clients have closed their connection before their answer ended. */
  waitForClientsGone(count: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * The gateway's modules put together in a small Hono app, for tests only: it answers
 * `/v1/forward` and `/v1/rewrite/…` for the one `secretKey`, with the providers' settings from
 * `env`, asking for usage on every call. No credits, no records: each relay's outcome is kept.
 */
export async function startGatewayHarness(options: {
  secretKey: string;
  env: Record<string, string>;
  production?: boolean;
  limits?: Partial<RelayLimits>;
  startTimer?: StartTimer;
  /**
   * How the relay answers: written to the Node response (`node`, as the service over HTTP), or
   * as a web-stream `Response` (`web`, as a request dispatched in-process). @default 'node'
   */
  sink?: 'node' | 'web';
}): Promise<GatewayHarness> {
  const providers = readProviderSettings(options.env);
  const dispatchers = createGatewayDispatchers({
    production: options.production ?? false,
    resolve: createTestResolver().resolve,
  });
  const outcomes: HarnessOutcome[] = [];
  const settled = createCounter();
  const clientsGone = createCounter();
  let relayed = 0;

  const app = new Hono<{ Bindings: { incoming: IncomingMessage; outgoing: ServerResponse } }>();
  const problem = (p: GatewayProblem) =>
    new Response(JSON.stringify(toErrorBody(p)), {
      status: p.status as ContentfulStatusCode,
      headers: { 'content-type': 'application/json' },
    });

  const gateway = async (c: {
    req: { raw: Request };
    env: { incoming: IncomingMessage; outgoing: ServerResponse };
  }) => {
    const { incoming, outgoing } = c.env;
    const target = readGatewayTarget(incoming.url ?? '/');
    if (!target.ok) return problem(target.problem);
    const credential = readGatewayCredential(incoming.headers, target.value.keyParam);
    if (!credential.ok) return problem(credential.problem);
    if (credential.value.secretKey !== options.secretKey) {
      return new Response(
        JSON.stringify({ error: { message: 'unknown secret key', code: 'invalid_api_key' } }),
        {
          status: 401,
        },
      );
    }
    const route = resolveUpstream(target.value, credential.value, providers);
    if (!route.ok) return problem(route.problem);
    const method = incoming.method ?? 'GET';
    const body =
      method === 'GET' || method === 'HEAD' ? null : new Uint8Array(await c.req.raw.arrayBuffer());
    const upstream = buildUpstreamRequest({
      method,
      headers: incoming.headers,
      body,
      route: route.value,
      facts: inspectRequest(route.value.url.pathname, body),
      reportUsage: true,
    });
    const sent = await sendUpstream(upstream, route.value, dispatchers);
    if (!sent.ok) return problem(sent.problem);
    outgoing.on('close', () => {
      if (!outgoing.writableFinished) clientsGone.add();
    });
    const requestId = randomUUID();
    relayed += 1;
    return relayResponse(sent.value, {
      usageFormat: route.value.usageFormat,
      headers: { 'x-lava-request-id': requestId },
      ...(options.sink === 'web' ? {} : { outgoing, production: options.production ?? false }),
      ...(options.limits ? { limits: options.limits } : {}),
      ...(options.startTimer ? { startTimer: options.startTimer } : {}),
      onSettled: (outcome) => {
        outcomes.push({ ...outcome, requestId });
        settled.add();
      },
    });
  };
  app.all('/v1/forward', gateway);
  app.all('/v1/forward/*', gateway);
  app.all('/v1/rewrite/*', gateway);

  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1/`,
    outcomes,
    relayed: () => relayed,
    waitForOutcomes: async (count) => {
      await settled.waitFor(count);
      return outcomes;
    },
    waitForClientsGone: clientsGone.waitFor,
    async close() {
      (server as unknown as { closeAllConnections(): void }).closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await dispatchers.destroy();
    },
  };
}
