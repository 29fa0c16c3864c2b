import { sql } from 'kysely';
import { joinAmountParts } from '../platform/money/AmountParts.ts';
import { formatUsage, Money } from '../platform/money/Money.ts';
import { ServiceError } from '../platform/ServiceError.ts';
import type { Services } from '../Services.ts';
import { matchingRequests } from './matchingRequests.ts';
import { readSlices } from './readSlices.ts';
import { SLICE_REQUESTS, USAGE_MAX_REQUESTS } from './usageLimits.ts';
import {
  metadataCanMatch,
  type RequestKey,
  sliceEnd,
  sliceSize,
  type UsageScope,
} from './usageScope.ts';

interface Totals {
  total_requests: number;
  total_usage_tokens: number;
  total_cost: string;
  total_charge: string;
}

/** A day's sums, kept as big integers while slices add to them. */
interface Sums {
  requests: bigint;
  tokens: bigint;
  trillions: bigint;
  ones: bigint;
  fraction: bigint;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const ZERO = formatUsage(0);
/** The UTC day of an ISO time, the same text on both databases. */
const DAY = sql<string>`substr(created_at, 1, 10)`;

const big = (value: number | string | bigint | null) => BigInt(value ?? 0);

function add(into: Sums | undefined, sums: Sums): Sums {
  if (!into) return { ...sums };
  for (const key of Object.keys(sums) as (keyof Sums)[]) into[key] += sums[key];
  return into;
}

function totals(sums: Sums, cost: Money | undefined): Totals {
  return {
    total_requests: Number(sums.requests),
    total_usage_tokens: Number(sums.tokens),
    // Gateway calls carry the provider's cost; usage recorded through the API carries none.
    total_cost: cost ? formatUsage(cost) : ZERO,
    total_charge: formatUsage(joinAmountParts(sums)),
  };
}

/**
 * Usage in the REST API's `RestUsage` shape: one item per UTC day that has requests in
 * `[start, end)` (from `start` on, without an end), and the totals. The database sums each day
 * (charges exactly, as whole-number parts), a slice of requests at a time in the order of its
 * index, and the event loop serves other requests between slices. More than `USAGE_MAX_REQUESTS` requests in the range (of the
 * merchant, or of the customer; before the meter and metadata filters) is a 400: the caller
 * narrows the range or asks for one customer's usage.
 */
export async function summarizeUsage(
  deps: Pick<Services, 'db' | 'dialect'>,
  scope: UsageScope,
  range: { start: string; end?: string },
  limits: { maxRequests?: number; sliceRequests?: number } = {},
) {
  const { db } = deps;
  const maxRequests = limits.maxRequests ?? USAGE_MAX_REQUESTS;
  const slice = limits.sliceRequests ?? sliceSize(scope, SLICE_REQUESTS);
  const days = new Map<string, Sums>();
  const costs = new Map<string, Money>();
  const canMatch = metadataCanMatch(scope);
  // Where the reading stopped, and whether the requests ran out there.
  let after: RequestKey | undefined;
  let ranOut = !canMatch;
  const slices = readSlices(
    db,
    scope,
    { order: 'asc', after: undefined, ...range },
    { slice, max: maxRequests },
  );
  for await (const { after: from, through } of canMatch ? slices : []) {
    const rows = await matchingRequests(deps, scope, 'asc', from, through)
      .select((eb) => [
        DAY.as('date'),
        eb.fn.countAll<number | string>().as('requests'),
        eb.fn.sum<number | string | null>('usage_tokens').as('tokens'),
        eb.fn.sum<number | string | null>('charge_trillions').as('trillions'),
        eb.fn.sum<number | string | null>('charge_ones').as('ones'),
        eb.fn.sum<number | string | null>('charge_fraction').as('fraction'),
      ])
      .where('created_at', '>=', range.start)
      .$if(range.end !== undefined, (q) => q.where('created_at', '<', range.end ?? ''))
      .groupBy(DAY)
      .execute();
    for (const row of rows) {
      days.set(
        row.date,
        add(days.get(row.date), {
          requests: big(row.requests),
          tokens: big(row.tokens),
          trillions: big(row.trillions),
          ones: big(row.ones),
          fraction: big(row.fraction),
        }),
      );
    }
    // Provider costs are decimal text (gateway calls only): summed here, exactly.
    const costRows = await matchingRequests(deps, scope, 'asc', from, through)
      .select([DAY.as('date'), 'cost'])
      .where('cost', 'is not', null)
      .where('created_at', '>=', range.start)
      .$if(range.end !== undefined, (q) => q.where('created_at', '<', range.end ?? ''))
      .execute();
    for (const row of costRows) {
      costs.set(row.date, (costs.get(row.date) ?? new Money(0)).plus(row.cost ?? 0));
    }
    ranOut = !through;
    after = through;
  }
  if (!ranOut && (await sliceEnd(db, scope, { order: 'asc', after, ...range }, 1))) {
    throw new ServiceError(
      'invalid_request',
      `Lava Checkout: start and end hold more than ${maxRequests.toLocaleString('en-US')} requests, more than one call sums. Ask for a shorter range, or for one customer's usage with customer_id.`,
      { param: 'start' },
    );
  }

  let all: Sums = { requests: 0n, tokens: 0n, trillions: 0n, ones: 0n, fraction: 0n };
  let allCost = new Money(0);
  const items = [...days.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([date, sums]) => {
      all = add(all, sums);
      const cost = costs.get(date);
      if (cost) allCost = allCost.plus(cost);
      const start = new Date(`${date}T00:00:00.000Z`);
      return {
        date,
        start: start.toISOString(),
        end: new Date(start.getTime() + DAY_MS).toISOString(),
        ...totals(sums, cost),
      };
    });
  return { items, totals: totals(all, allCost) };
}
