import type { RestRequest } from '@lava-checkout/server';
import type { Tables } from '../platform/db/Database.ts';
import { formatUsage } from '../platform/money/Money.ts';
import type { UsageCounts } from './priceUsage.ts';

const ZERO = formatUsage(0);

/**
 * A recorded request in the REST API's `RestRequest` shape. Usage recorded through the API has
 * no provider call behind it (`custom`): the provider cost is zero and the charge is what the
 * meter made of the usage. A gateway call has its provider, model, endpoint and cost.
 */
export function toRestRequest(row: Tables['usage_requests']) {
  const usage = JSON.parse(row.usage) as UsageCounts;
  const cost = row.cost === null ? ZERO : formatUsage(row.cost);
  const charge = JSON.parse(row.breakdown) as Pick<
    RestRequest['charge'],
    'rate_type' | 'breakdown'
  >;
  return {
    request_id: row.request_id,
    status:
      row.status === null || row.status === 'completed'
        ? ('completed' as const)
        : ('error' as const),
    ...(row.customer_id === null ? {} : { customer_id: row.customer_id }),
    ...(row.meter_id === null ? {} : { meter_id: row.meter_id }),
    provider: row.provider ?? 'custom',
    provider_key_type: row.provider_key_type ?? ('unmanaged' as const),
    ...(row.model === null ? {} : { model: row.model }),
    endpoint: row.endpoint ?? '',
    model_usage: {
      input_tokens: usage.input_tokens,
      output_tokens: usage.output_tokens,
      total_tokens: usage.input_tokens + usage.output_tokens,
      input_characters: usage.input_characters,
      output_characters: usage.output_characters,
      total_characters: usage.input_characters + usage.output_characters,
      input_seconds: usage.input_seconds,
      output_seconds: usage.output_seconds,
      total_seconds: usage.input_seconds + usage.output_seconds,
      input_cost: ZERO,
      output_cost: ZERO,
      total_cost: cost,
    },
    cost,
    charge: { amount: row.charge, rate_type: charge.rate_type, breakdown: charge.breakdown },
    metadata: JSON.parse(row.metadata) as Record<string, string>,
    timestamp: row.created_at,
    created_at: row.created_at,
  } satisfies RestRequest;
}
