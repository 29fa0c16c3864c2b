import { requestMetadata } from '../platform/http/merchantSchemas.ts';
import { type GatewayResult, refuse } from './GatewayProblem.ts';

/**
 * The `x-lava-metadata` header of a gateway call: a JSON object of strings, checked as
 * `POST /v1/requests` checks its `metadata`; no header is no metadata.
 */
export function readRequestMetadata(
  header: string | undefined,
): GatewayResult<Record<string, string>> {
  if (header === undefined || header.trim() === '') return { ok: true, value: {} };
  let json: unknown;
  try {
    json = JSON.parse(header);
  } catch {
    return refuse(
      'invalid_metadata',
      'x-lava-metadata is not JSON',
      'Send a JSON object of strings, such as {"feature":"chat"}',
    );
  }
  const parsed = requestMetadata.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return refuse(
      'invalid_metadata',
      `x-lava-metadata is invalid: ${issue?.path.join('.') || 'the object'}: ${issue?.message ?? 'expected an object of strings'}`,
      'Send a JSON object of at most 100 keys (letters, digits, _) with 1 to 255 character string values',
    );
  }
  return { ok: true, value: parsed.data };
}
