import type { MiddlewareHandler } from 'hono';
import { ServiceError } from '../ServiceError.ts';
import { limitBody } from './limitBody.ts';

/** JSON bodies above 16 KB get 413: no call of the page's API or of `/v1` needs more. */
export const JSON_BODY_LIMIT = 16 * 1024;

/**
 * The 16 KB limit on a JSON API's request bodies, for the sub-apps that read JSON (the page's
 * API and `/v1`). Streaming surfaces (the gateway, MCP) do not use it.
 */
export const jsonBodyLimit = (): MiddlewareHandler =>
  limitBody({
    maxSize: JSON_BODY_LIMIT,
    onError: () => {
      throw new ServiceError(
        'body_too_large',
        `The request body is larger than ${JSON_BODY_LIMIT / 1024} KB.`,
      );
    },
  });
