import type { Tables } from '../platform/db/Database.ts';
import { formatUsage, Money } from '../platform/money/Money.ts';
import { cycleStart } from './cycleStart.ts';

const list = (json: string | null): string[] | null =>
  json === null ? null : (JSON.parse(json) as string[]);

/**
 * A spend key as the published SDK's `RestSpendKey` reads it. `current_spend` and
 * `current_requests` count the cycle holding `now` (zero once a new cycle began); the spend of
 * calls still running counts at what was reserved for them. `wallet_id` is the paying account:
 * the customer when the key is scoped to one, else the merchant.
 */
export function toRestSpendKey(row: Tables['spend_keys'], now: Date) {
  const spendCycle = row.spend_limit_cycle ?? 'total';
  const requestCycle = row.request_limit_cycle ?? 'total';
  const spendCurrent = row.spend_cycle_start === cycleStart(spendCycle, now);
  const requestsCurrent = row.request_cycle_start === cycleStart(requestCycle, now);
  return {
    spend_key_id: row.id,
    key_preview: row.key_preview,
    name: row.name,
    status: row.status,
    request_shape: row.request_shape,
    wallet_id: row.customer_id ?? row.merchant_id,
    allowed_models: list(row.allowed_models),
    allowed_providers: list(row.allowed_providers),
    spend_limit:
      row.spend_limit_amount !== null && row.spend_limit_cycle !== null
        ? { amount: row.spend_limit_amount, cycle: row.spend_limit_cycle }
        : null,
    current_spend: formatUsage(spendCurrent ? new Money(row.current_spend) : 0),
    total_spend: formatUsage(new Money(row.total_spend)),
    request_limit:
      row.request_limit_count !== null && row.request_limit_cycle !== null
        ? { count: row.request_limit_count, cycle: row.request_limit_cycle }
        : null,
    current_requests: requestsCurrent ? row.current_requests : 0,
    total_requests: row.total_requests,
    rate_limit:
      row.rate_limit_rpm !== null ? { rpm: row.rate_limit_rpm, burst: row.rate_limit_burst } : null,
    expires_at: row.expires_at,
    last_used_at: row.last_used_at,
    created_at: row.created_at,
  };
}

export type RestSpendKey = ReturnType<typeof toRestSpendKey>;
