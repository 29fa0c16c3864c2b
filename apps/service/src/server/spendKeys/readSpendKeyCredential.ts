import { type HeaderSource, headerOf } from '../gateway/headerOf.ts';
import type { CredentialCarrier } from '../gateway/readGatewayCredential.ts';

/** A spend key found on a gateway call, and every place it was. */
export interface SpendKeyCredential {
  key: string;
  environment: 'test' | 'live';
  carriers: CredentialCarrier[];
}

const SPEND_KEY_PREFIX = /^lsk_(test|live)_/;

/**
 * Finds a spend key (`lsk_…`) where gateway callers put their credential: `Authorization:
 * Bearer`, `x-api-key`, `x-goog-api-key`, `xi-api-key` or `?key=`. `null` when none holds one:
 * the call's credential is then a secret key or forward token, read by `readGatewayCredential`.
 * OpenAI's and Anthropic's client SDKs send their API key in the first two, so a spend key works
 * as their key with the gateway as base URL.
 */
export function readSpendKeyCredential(
  headers: HeaderSource,
  keyParam: string | null,
): SpendKeyCredential | null {
  const found: { carrier: CredentialCarrier; value: string }[] = [];
  const authorization = headerOf(headers, 'authorization');
  if (authorization && authorization.slice(0, 7).toLowerCase() === 'bearer ') {
    found.push({ carrier: 'authorization', value: authorization.slice(7).trim() });
  }
  for (const carrier of ['x-api-key', 'x-goog-api-key', 'xi-api-key'] as const) {
    const value = headerOf(headers, carrier)?.trim();
    if (value) found.push({ carrier, value });
  }
  if (keyParam) found.push({ carrier: 'key', value: keyParam.trim() });
  const keys = found.filter((f) => SPEND_KEY_PREFIX.test(f.value));
  const [first] = keys;
  if (!first) return null;
  return {
    key: first.value,
    environment: SPEND_KEY_PREFIX.exec(first.value)?.[1] as 'test' | 'live',
    carriers: keys.map((k) => k.carrier),
  };
}
