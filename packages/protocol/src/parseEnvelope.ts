import { PROTOCOL_VERSION } from './constants.ts';
import { NONCE_PATTERN } from './ids.ts';

/** What every parsed message after the hello starts from: the version and the nonce, checked. */
export type EnvelopeBase = { readonly v: typeof PROTOCOL_VERSION; readonly nonce: string };

/**
 * Parses a message after the hello: an object of this protocol version with a well-formed
 * nonce, whose other fields `parseBody` reads (`m`, unchecked) into a message built on `base`.
 * Never throws: anything else, or a `parseBody` that throws (a field's getter may), gives `null`.
 */
export function parseEnvelope<T>(
  data: unknown,
  parseBody: (m: Record<string, unknown>, base: EnvelopeBase) => T | null,
): T | null {
  try {
    if (typeof data !== 'object' || data === null) return null;
    const m = data as Record<string, unknown>;
    if (m.v !== PROTOCOL_VERSION || typeof m.nonce !== 'string' || !NONCE_PATTERN.test(m.nonce)) {
      return null;
    }
    return parseBody(m, { v: PROTOCOL_VERSION, nonce: m.nonce });
  } catch {
    return null;
  }
}
