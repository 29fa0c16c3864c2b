import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';

/**
 * Refuses request bodies above `maxSize` bytes, like Hono's `bodyLimit`, without turning every
 * request into a web-streams `Request`: a body with a `Content-Length` is judged by that header
 * (Node's parser holds the body to it) and then read straight from the socket. Only a chunked
 * body, whose size is known once read, goes through `bodyLimit`'s counting stream.
 */
export function limitBody(options: {
  maxSize: number;
  onError: (c: Context) => Response | Promise<Response>;
}): MiddlewareHandler {
  const streamed = bodyLimit(options);
  return (c, next) => {
    const { method } = c.req;
    if (method === 'GET' || method === 'HEAD') return next();
    const length = c.req.header('content-length');
    if (length !== undefined && c.req.header('transfer-encoding') === undefined) {
      return Number(length) > options.maxSize ? Promise.resolve(options.onError(c)) : next();
    }
    return streamed(c, next);
  };
}
