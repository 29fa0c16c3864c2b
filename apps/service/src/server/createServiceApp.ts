import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import type { CheckoutErrorBody } from '../shared/checkoutContract.ts';
import { ERROR_STATUS } from './platform/http/errorStatus.ts';
import { limitBody } from './platform/http/limitBody.ts';
import { ServiceError } from './platform/ServiceError.ts';
import { accountApiRoutes } from './routes/accountApiRoutes.ts';
import { agentRoutes } from './routes/agentRoutes.ts';
import { authRoutes } from './routes/authRoutes.ts';
import { embedRoutes } from './routes/embedRoutes.ts';
import { gatewayRoutes } from './routes/gatewayRoutes.ts';
import { mcpRoutes } from './routes/mcpRoutes.ts';
import { merchantApiRoutes } from './routes/merchantApiRoutes.ts';
import { scriptTagRoutes } from './routes/scriptTagRoutes.ts';
import { sessionApiRoutes } from './routes/sessionApiRoutes.ts';
import type { Services } from './Services.ts';

/** DESIGN.md "Numbers": JSON bodies above 16 KB get 413. */
export const JSON_BODY_LIMIT = 16 * 1024;

/** HSTS for production: a year, as the security checklist asks. */
const HSTS = 'max-age=31536000; includeSubDomains';

/**
 * The checkout service's HTTP app: the hosted page, its assets and API, the merchant REST
 * API, and in development the SMS outbox.
 */
export function createServiceApp(services: Services): Hono {
  const app = new Hono();

  app.use('*', async (c, next) => {
    await next();
    const headers = c.res.headers;
    headers.set('X-Content-Type-Options', 'nosniff');
    headers.set('Referrer-Policy', 'no-referrer');
    headers.set('Cross-Origin-Opener-Policy', 'same-origin-allow-popups');
    // Routes meant for other sites (the embed page) set their own, looser, policy.
    if (!headers.has('Cross-Origin-Resource-Policy')) {
      headers.set('Cross-Origin-Resource-Policy', 'same-origin');
    }
    if (services.production) headers.set('Strict-Transport-Security', HSTS);
    if (!headers.has('Cache-Control')) headers.set('Cache-Control', 'no-store');
  });

  // Calls that change state come from our own page or a merchant server, never cross-site.
  app.use('*', async (c, next) => {
    if (
      c.req.method !== 'GET' &&
      c.req.method !== 'HEAD' &&
      c.req.method !== 'OPTIONS' &&
      c.req.header('sec-fetch-site') === 'cross-site'
    ) {
      throw new ServiceError('cross_site_request', 'Cross-site requests are not accepted.');
    }
    return next();
  });

  // The AI gateway streams both ways: ahead of the body limit and the idempotency buffer.
  app.route('/', gatewayRoutes(services));

  for (const prefix of ['/api/*', '/v1/*']) {
    app.use(
      prefix,
      limitBody({
        maxSize: JSON_BODY_LIMIT,
        onError: () => {
          throw new ServiceError(
            'body_too_large',
            `The request body is larger than ${JSON_BODY_LIMIT / 1024} KB.`,
          );
        },
      }),
    );
  }

  app.onError((error, c) => {
    if (error instanceof ServiceError) {
      const body: { error: Record<string, unknown> } = {
        error: { message: error.message, code: error.code, ...error.details },
      };
      if (error.details.retry_after !== undefined) {
        c.header('Retry-After', String(error.details.retry_after));
      }
      return c.json(body, ERROR_STATUS[error.code]);
    }
    console.error('Lava Checkout: unexpected error', error);
    return c.json(
      {
        error: { message: 'Something went wrong on our side. Try again.', code: 'internal_error' },
      } satisfies CheckoutErrorBody,
      500,
    );
  });
  app.notFound((c) =>
    c.json(
      { error: { message: 'Not found.', code: 'not_found' } } satisfies CheckoutErrorBody,
      404,
    ),
  );

  app.get('/healthz', (c) => c.json({ ok: true }));
  app.route('/', embedRoutes(services));
  app.route('/', sessionApiRoutes(services));
  app.route('/', accountApiRoutes(services));
  app.route('/', authRoutes(services));
  app.route('/', agentRoutes(services));
  app.route(
    '/',
    mcpRoutes(services, (request) => Promise.resolve(app.fetch(request))),
  );
  app.route('/', merchantApiRoutes(services));
  app.route('/', scriptTagRoutes());
  app.use(
    '/assets/*',
    serveStatic({
      root: services.assetsDir,
      rewriteRequestPath: (path) => path.replace(/^\/assets/, ''),
      onFound: (_path, c) => {
        c.header('Cache-Control', 'public, max-age=31536000, immutable');
      },
    }),
  );

  const { outbox } = services;
  if (outbox) {
    app.get('/dev/outbox', (c) => c.json({ data: outbox() }));
  }
  if (!services.production) {
    // What the database has run, for the service benchmark.
    app.get('/dev/stats', (c) => c.json({ database: services.counts }));
  }
  return app;
}
