import type { MiddlewareHandler } from 'hono';
import { ServiceError } from '../ServiceError.ts';

/** Calls that change state come from our own page or a merchant server, never cross-site. */
export const refuseCrossSite = (): MiddlewareHandler => async (c, next) => {
  if (
    c.req.method !== 'GET' &&
    c.req.method !== 'HEAD' &&
    c.req.method !== 'OPTIONS' &&
    c.req.header('sec-fetch-site') === 'cross-site'
  ) {
    throw new ServiceError('cross_site_request', 'Cross-site requests are not accepted.');
  }
  return next();
};
