import type { Tables } from '../db/Database.ts';
import { formatUsage, Money } from '../money/Money.ts';
import type { UsageCounts } from './priceUsage.ts';

type Row = Pick<Tables['usage_requests'], 'usage' | 'charge' | 'created_at'>;

interface Totals {
  total_requests: number;
  total_usage_tokens: number;
  total_cost: string;
  total_charge: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

function total(rows: Row[]): Totals {
  let tokens = 0;
  let charge = new Money(0);
  for (const row of rows) {
    const usage = JSON.parse(row.usage) as UsageCounts;
    tokens += usage.input_tokens + usage.output_tokens;
    charge = charge.plus(row.charge);
  }
  return {
    total_requests: rows.length,
    total_usage_tokens: tokens,
    // Usage recorded through the API carries no provider cost.
    total_cost: formatUsage(0),
    total_charge: formatUsage(charge),
  };
}

/**
 * Usage in the REST API's `RestUsage` shape: one item per UTC day that has requests, and the
 * totals, summed exactly (decimal) from each request's charge.
 */
export function summarizeUsage(rows: Row[]) {
  const days = new Map<string, Row[]>();
  for (const row of rows) {
    const date = row.created_at.slice(0, 10);
    days.set(date, [...(days.get(date) ?? []), row]);
  }
  const items = [...days.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([date, dayRows]) => {
      const start = new Date(`${date}T00:00:00.000Z`);
      return {
        date,
        start: start.toISOString(),
        end: new Date(start.getTime() + DAY_MS).toISOString(),
        ...total(dayRows),
      };
    });
  return { items, totals: total(rows) };
}
