import type { Context } from 'hono';
import type { z } from 'zod';
import { ServiceError } from '../ServiceError.ts';

const JSON_TYPE = /^application\/json\s*(;|$)/i;

/** A zod issue as a developer reads it: which field, what is wrong with it. */
function describe(issue: z.core.$ZodIssue): { param: string; message: string } {
  const path = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    const param = path ? `${path}.${key}` : key;
    return { param, message: `${param} is not a field of this request` };
  }
  const param = path || 'body';
  // zod reports no input unless asked: a missing field reads "received undefined".
  if (issue.code === 'invalid_type' && /received undefined$/.test(issue.message)) {
    return { param, message: `${param} is missing` };
  }
  return { param, message: `${param} is invalid: ${issue.message}` };
}

function invalid(issue: z.core.$ZodIssue | undefined): never {
  const { param, message } = issue
    ? describe(issue)
    : { param: 'body', message: 'body is invalid' };
  throw new ServiceError(
    'invalid_request',
    `Lava Checkout: ${message}. Correct it and send the request again.`,
    { param },
  );
}

/**
 * Reads a REST API request body against a strict schema: wrong content type 415, malformed
 * JSON 400, and a body that breaks the schema 400 with a message naming the field (unknown
 * fields included). An empty body reads as `{}`.
 */
export async function readMerchantBody<T>(c: Context, schema: z.ZodType<T>): Promise<T> {
  const text = await c.req.text();
  let data: unknown = {};
  if (text.trim() !== '') {
    if (!JSON_TYPE.test(c.req.header('content-type') ?? '')) {
      throw new ServiceError(
        'unsupported_media_type',
        'Lava Checkout: the request body is not JSON. Send it with Content-Type: application/json.',
      );
    }
    try {
      data = JSON.parse(text);
    } catch {
      throw new ServiceError(
        'malformed_json',
        'Lava Checkout: the request body is not valid JSON. Send a JSON object.',
      );
    }
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) invalid(parsed.error.issues[0]);
  return parsed.data;
}

/** Reads a REST API query string against a schema, naming the parameter at fault. */
export function readMerchantQuery<T>(c: Context, schema: z.ZodType<T>): T {
  const parsed = schema.safeParse(c.req.query());
  if (!parsed.success) invalid(parsed.error.issues[0]);
  return parsed.data;
}
