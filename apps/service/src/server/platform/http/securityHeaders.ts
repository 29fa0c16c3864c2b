import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import type { MiddlewareHandler } from 'hono';

/** HSTS for production: a year, subdomains included. */
const HSTS = 'max-age=31536000; includeSubDomains';

/**
 * The headers every answer carries: no sniffing, no referrer, same-origin resources and no
 * caching unless a route says otherwise, and HSTS in production. Lower-case names: an answer's
 * own `cross-origin-resource-policy` or `cache-control` goes over them.
 */
export function securityHeaderValues(production: boolean): Record<string, string> {
  return {
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin-allow-popups',
    // Routes meant for other sites (the embed page) set their own, looser, policy.
    'cross-origin-resource-policy': 'same-origin',
    'cache-control': 'no-store',
    ...(production ? { 'strict-transport-security': HSTS } : {}),
  };
}

/** Headers an answer keeps when it sets them itself. */
const OWN = new Set(['cross-origin-resource-policy', 'cache-control']);

/**
 * Sets `securityHeaderValues` on every answer. An answer a route wrote to the socket itself
 * (the gateway's relay) carries them already.
 */
export const securityHeaders = (production: boolean): MiddlewareHandler => {
  const values = Object.entries(securityHeaderValues(production));
  return async (c, next) => {
    await next();
    if (c.res === RESPONSE_ALREADY_SENT) return;
    const headers = c.res.headers;
    for (const [name, value] of values) {
      if (!OWN.has(name) || !headers.has(name)) headers.set(name, value);
    }
  };
};
