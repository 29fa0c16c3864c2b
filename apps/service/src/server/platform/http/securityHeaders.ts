import type { MiddlewareHandler } from 'hono';

/** HSTS for production: a year, subdomains included. */
const HSTS = 'max-age=31536000; includeSubDomains';

/**
 * The headers every answer carries: no sniffing, no referrer, same-origin resources and no
 * caching unless a route says otherwise, and HSTS in production.
 */
export const securityHeaders =
  (production: boolean): MiddlewareHandler =>
  async (c, next) => {
    await next();
    const headers = c.res.headers;
    headers.set('X-Content-Type-Options', 'nosniff');
    headers.set('Referrer-Policy', 'no-referrer');
    headers.set('Cross-Origin-Opener-Policy', 'same-origin-allow-popups');
    // Routes meant for other sites (the embed page) set their own, looser, policy.
    if (!headers.has('Cross-Origin-Resource-Policy')) {
      headers.set('Cross-Origin-Resource-Policy', 'same-origin');
    }
    if (production) headers.set('Strict-Transport-Security', HSTS);
    if (!headers.has('Cache-Control')) headers.set('Cache-Control', 'no-store');
  };
