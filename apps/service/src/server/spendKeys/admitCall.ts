import type { Tables } from '../platform/db/Database.ts';
import { Money } from '../platform/money/Money.ts';
import { cycleStart } from './cycleStart.ts';
import { type SpendKeyRefusal, spendKeyRefusal } from './SpendKeyRefusal.ts';

/** What the gateway knows of a call before sending it. */
export interface SpendKeyCall {
  /** The provider's id (`openai`, `anthropic`, …), `null` when the URL is no known provider's. */
  provider: string | null;
  /** The model the body names, `null` when it names none. */
  model: string | null;
  /** The body's format, `null` when it is neither OpenAI's nor Anthropic's. */
  shape: 'openai' | 'anthropic' | null;
  /** The most the call could cost (decimal string), reserved until it settles. */
  estimate: string;
}

/** The counters a spend key's row changes when it admits a call. */
export type AdmittedCounters = Pick<
  Tables['spend_keys'],
  | 'spend_cycle_start'
  | 'current_spend'
  | 'request_cycle_start'
  | 'current_requests'
  | 'total_requests'
  | 'rate_tokens'
  | 'rate_updated_at'
  | 'last_used_at'
>;

const listOf = (json: string | null): string[] | null =>
  json === null ? null : (JSON.parse(json) as string[]);

/**
 * Whether a spend key, as its row stands, may make `call` at `now`, and its counters if it
 * does: the estimate reserved against the spend limit of the cycle, one more request against
 * the request limit, one token out of the rate limit's bucket (which holds `burst` tokens,
 * `rpm` when no burst is set, and refills at `rpm` a minute). Pure: the caller writes the
 * counters with a compare-and-set, so two calls never both take the last of a limit.
 */
export function admitCall(
  row: Tables['spend_keys'],
  call: SpendKeyCall,
  now: Date,
): { ok: true; counters: AdmittedCounters } | { ok: false; refusal: SpendKeyRefusal } {
  const at = now.toISOString();
  const refuse = (refusal: SpendKeyRefusal) => ({ ok: false as const, refusal });
  if (row.revoked_at !== null) {
    return refuse(
      spendKeyRefusal(
        'invalid_spend_key',
        'this spend key was revoked or rotated',
        'Use the key the last rotation returned, or create a new one (POST /v1/spend_keys)',
      ),
    );
  }
  if (row.expires_at !== null && row.expires_at <= at) {
    return refuse(
      spendKeyRefusal(
        'spend_key_expired',
        `this spend key expired at ${row.expires_at}`,
        'Set a later expires_at (PUT /v1/spend_keys/:id) or create a new key',
      ),
    );
  }
  if (row.status === 'paused') {
    return refuse(
      spendKeyRefusal(
        'spend_key_paused',
        'this spend key is paused',
        'Set its status to active (PUT /v1/spend_keys/:id) to use it again',
      ),
    );
  }
  const providers = listOf(row.allowed_providers);
  if (providers !== null && (call.provider === null || !providers.includes(call.provider))) {
    return refuse(
      spendKeyRefusal(
        'provider_not_allowed',
        `this spend key may not call ${call.provider ?? 'this URL'}`,
        `Call one of its allowed providers (${providers.join(', ') || 'none'}), or widen allowed_providers`,
      ),
    );
  }
  const models = listOf(row.allowed_models);
  if (models !== null && (call.model === null || !models.includes(call.model))) {
    return refuse(
      spendKeyRefusal(
        'model_not_allowed',
        call.model === null
          ? 'this call names no model, and this spend key is limited to some'
          : `this spend key may not use the model ${call.model}`,
        `Use one of its allowed models (${models.join(', ') || 'none'}), or widen allowed_models`,
      ),
    );
  }
  if (call.shape !== null && call.shape !== row.request_shape) {
    return refuse(
      spendKeyRefusal(
        'request_shape_not_allowed',
        `this spend key takes ${row.request_shape} requests, and this one is ${call.shape}`,
        `Send the body in ${row.request_shape}'s format, or change the key's request_shape`,
      ),
    );
  }

  const spendStart = cycleStart(row.spend_limit_cycle ?? 'total', now);
  const spent = row.spend_cycle_start === spendStart ? new Money(row.current_spend) : new Money(0);
  const estimate = new Money(call.estimate);
  if (row.spend_limit_amount !== null) {
    const limit = new Money(row.spend_limit_amount);
    if (spent.gte(limit) || spent.plus(estimate).gt(limit)) {
      return refuse(
        spendKeyRefusal(
          'spend_limit_reached',
          `this spend key has spent ${spent.toFixed()} of its ${row.spend_limit_cycle} limit of ${limit.toFixed()}${estimate.gt(0) ? `, and this call could cost up to ${estimate.toFixed()}` : ''}`,
          'Wait for the next cycle, raise spend_limit (PUT /v1/spend_keys/:id), or ask for less output (max_tokens)',
        ),
      );
    }
  }

  const requestStart = cycleStart(row.request_limit_cycle ?? 'total', now);
  const requests = row.request_cycle_start === requestStart ? row.current_requests : 0;
  if (row.request_limit_count !== null && requests >= row.request_limit_count) {
    return refuse(
      spendKeyRefusal(
        'request_limit_reached',
        `this spend key made its ${row.request_limit_count} requests of this ${row.request_limit_cycle} cycle`,
        'Wait for the next cycle, or raise request_limit (PUT /v1/spend_keys/:id)',
      ),
    );
  }

  let tokens: number | null = null;
  if (row.rate_limit_rpm !== null) {
    const rpm = row.rate_limit_rpm;
    const capacity = row.rate_limit_burst ?? rpm;
    const elapsed =
      row.rate_updated_at === null ? Infinity : now.getTime() - Date.parse(row.rate_updated_at);
    const held = Math.min(capacity, (row.rate_tokens ?? capacity) + (elapsed * rpm) / 60_000);
    if (held < 1) {
      const wait = Math.max(1, Math.ceil(((1 - held) * 60) / rpm));
      return refuse(
        spendKeyRefusal(
          'rate_limited',
          `this spend key is limited to ${rpm} requests a minute${row.rate_limit_burst === null ? '' : ` (bursts of ${row.rate_limit_burst})`}`,
          `Retry after ${wait} s, or raise rate_limit (PUT /v1/spend_keys/:id)`,
          wait,
        ),
      );
    }
    tokens = held - 1;
  }

  return {
    ok: true,
    counters: {
      spend_cycle_start: spendStart,
      current_spend: spent.plus(estimate).toFixed(),
      request_cycle_start: requestStart,
      current_requests: requests + 1,
      total_requests: row.total_requests + 1,
      rate_tokens: tokens,
      rate_updated_at: tokens === null ? row.rate_updated_at : at,
      last_used_at: at,
    },
  };
}
