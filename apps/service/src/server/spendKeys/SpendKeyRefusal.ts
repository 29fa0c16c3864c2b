import { type Refusal, refusal } from '../gateway/Refusal.ts';

/**
 * Why a spend key may not make a call, each with one HTTP status: an unknown, revoked, rotated
 * or expired key is refused like a wrong key (401); a paused key, or a call outside the key's
 * providers, models or request shape, is forbidden (403); a spent budget is 402, which clients'
 * SDKs do not retry; a request limit or the rate limit is 429, with when to retry.
 */
export const SPEND_KEY_REFUSAL_STATUS = {
  invalid_spend_key: 401,
  spend_key_expired: 401,
  spend_key_paused: 403,
  provider_not_allowed: 403,
  model_not_allowed: 403,
  request_shape_not_allowed: 403,
  spend_limit_reached: 402,
  request_limit_reached: 429,
  rate_limited: 429,
} as const;

export type SpendKeyRefusalCode = keyof typeof SPEND_KEY_REFUSAL_STATUS;

export interface SpendKeyRefusal extends Refusal<typeof SPEND_KEY_REFUSAL_STATUS> {
  /** For 429s: seconds until a call could be admitted. */
  retryAfterSeconds?: number;
}

/** A refusal reading `Lava Checkout: <what>. <fix>.` */
export function spendKeyRefusal(
  code: SpendKeyRefusalCode,
  what: string,
  fix: string,
  retryAfterSeconds?: number,
): SpendKeyRefusal {
  return {
    ...refusal(SPEND_KEY_REFUSAL_STATUS, code, what, fix),
    ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
  };
}
