import type { Context } from 'hono';
import type { z } from 'zod';
import { ServiceError } from '../ServiceError.ts';

const JSON_TYPE = /^application\/json\s*(;|$)/i;

/**
 * Reads a JSON request body against a strict schema: wrong content type 415, malformed JSON
 * 400, a body that breaks the schema (unknown fields included) 400 naming the field. The body
 * size limit (413) is enforced before this, by the app's body-limit middleware.
 */
export async function readJsonBody<T>(c: Context, schema: z.ZodType<T>): Promise<T> {
  if (!JSON_TYPE.test(c.req.header('content-type') ?? '')) {
    throw new ServiceError(
      'unsupported_media_type',
      'Send the request body as JSON, with Content-Type: application/json.',
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(await c.req.text());
  } catch {
    throw new ServiceError('malformed_json', 'The request body is not valid JSON.');
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const param = issue?.path.join('.') || (issue && 'keys' in issue ? String(issue.keys) : 'body');
    throw new ServiceError('invalid_request', `${param}: ${issue?.message ?? 'invalid'}.`, {
      param,
    });
  }
  return parsed.data;
}
