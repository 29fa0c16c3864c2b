import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import type { Jobs } from './jobs/startJobs.ts';
import { answerError, answerNotFound } from './platform/http/answerError.ts';
import { refuseCrossSite } from './platform/http/refuseCrossSite.ts';
import { securityHeaders } from './platform/http/securityHeaders.ts';
import { accountApiRoutes } from './routes/accountApiRoutes.ts';
import { accountPageRoutes } from './routes/accountPageRoutes.ts';
import { agentRoutes } from './routes/agentRoutes.ts';
import { authRoutes } from './routes/authRoutes.ts';
import { devRoutes } from './routes/devRoutes.ts';
import { embedRoutes } from './routes/embedRoutes.ts';
import { gatewayRoutes } from './routes/gatewayRoutes.ts';
import { mcpRoutes } from './routes/mcpRoutes.ts';
import { merchantApiRoutes } from './routes/merchantApiRoutes.ts';
import { scriptTagRoutes } from './routes/scriptTagRoutes.ts';
import { sessionApiRoutes } from './routes/sessionApiRoutes.ts';
import type { Services } from './Services.ts';

/**
 * The service's HTTP app, and its route table: every surface the service answers on, each a
 * sub-app mounted at its prefix and bringing its own middleware. Handlers write their paths
 * relative to that prefix. Around them all: the security headers, the refusal of cross-site
 * calls that change state, and one JSON shape for errors and for a path nobody serves.
 *
 * | prefix          | surface                                   | its middleware                         |
 * | --------------- | ----------------------------------------- | -------------------------------------- |
 * | `/healthz`      | liveness                                  |                                        |
 * | `/v1/forward`   | the AI gateway, forwarding                | its own; streams                       |
 * | `/v1/rewrite`   | the AI gateway, rewriting                 | its own; streams                       |
 * | `/v1/auth`      | the one-time sign-in code exchange        | the code itself, no secret key         |
 * | `/agent`, `/sign-in` | agents' browser sign-in: API and page | its own                                |
 * | `/mcp`          | the MCP server (`/.well-known` metadata)  | its own; a spend key; streams          |
 * | `/embed`        | the hosted checkout page (HTML)           | its own CSP and framing headers        |
 * | `/embed/account`| the hosted account page (HTML)            | its own CSP and framing headers        |
 * | `/checkout`     | the same page standalone, for a link      | its own CSP; never framed              |
 * | `/api/checkout` | the page's own API                        | 16 KB body limit, session secret       |
 * | `/api/account`  | a customer's account, read cross-origin   | 16 KB body limit, CORS, customer token |
 * | `/v1`           | the merchant REST API                     | 16 KB body limit, secret key, idempotency |
 * | `/js`           | the script tag and its overlay chunk      | cached for a year, any origin          |
 * | `/assets`       | the page's built assets                   | cached for a year                      |
 * | `/dev`          | development only: SMS outbox, query stats, the clock moved |                       |
 *
 * The gateway and the MCP server stream their bodies both ways, so they must
 * never pass through the body limit or the idempotency buffer, which read a whole body. They
 * are mounted ABOVE `/v1`'s REST API: Hono runs what matches in the order it was mounted, so
 * the gateway answers `/v1/forward/...` before the REST sub-app's middleware (on `/v1/*`) runs.
 */
export function createServiceApp(services: Services, jobs: Jobs | null = null): Hono {
  const app = new Hono();
  app.use('*', securityHeaders(services.production));
  app.use('*', refuseCrossSite());
  app.onError(answerError);
  app.notFound(answerNotFound);

  app.get('/healthz', (c) => c.json({ ok: true }));
  // Streaming, mounted before the /v1 REST sub-app and its middleware (see above).
  app.route('/v1', gatewayRoutes(services));
  // The one-time code exchange: no secret key, so before the /v1 REST sub-app's auth.
  app.route('/v1/auth', authRoutes(services));
  app.route('/embed/account', accountPageRoutes(services));
  app.route('/embed', embedRoutes(services));
  app.route('/checkout', embedRoutes(services, { standalone: true }));
  app.route('/api/checkout', sessionApiRoutes(services));
  app.route('/api/account', accountApiRoutes(services));
  // Agents: the sign-in API under /agent and its page at /sign-in/:id; MCP at /mcp (streams)
  // with its protected-resource metadata under /.well-known.
  app.route('/', agentRoutes(services));
  app.route(
    '/',
    mcpRoutes(services, (request) => Promise.resolve(app.fetch(request))),
  );
  app.route('/v1', merchantApiRoutes(services));
  app.route('/js', scriptTagRoutes());
  app.route('/assets', assetRoutes(services.assetsDir));
  app.route('/dev', devRoutes(services, jobs));
  return app;
}

/** The page's built assets: content-hashed names, so cached for a year. */
function assetRoutes(root: string): Hono {
  const app = new Hono();
  app.use(
    '*',
    serveStatic({
      root,
      rewriteRequestPath: (path) => path.replace(/^\/assets/, ''),
      onFound: (_path, c) => {
        c.header('Cache-Control', 'public, max-age=31536000, immutable');
      },
    }),
  );
  return app;
}
