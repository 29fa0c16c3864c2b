import { type Environment, ID_PREFIXES } from '@lava-checkout/protocol';
import { balanceChanged } from '../balanceEvents/balanceChanged.ts';
import { liveMeterBySlug } from '../catalog/liveMeterBySlug.ts';
import { readTiers } from '../catalog/toRestMeter.ts';
import { fromCreditUnits, toCreditUnits } from '../credits/creditUnits.ts';
import { drawCredits } from '../credits/drawCredits.ts';
import { findCustomerOrThrow } from '../customers/findCustomerOrThrow.ts';
import { createId } from '../platform/createId.ts';
import type { Tables } from '../platform/db/Database.ts';
import { lockSubjects } from '../platform/db/lockSubjects.ts';
import { type Param, prepareQuery } from '../platform/db/prepareQuery.ts';
import { splitAmount } from '../platform/money/AmountParts.ts';
import { formatMoney, formatUsage, Money, USAGE_PLACES } from '../platform/money/Money.ts';
import { orNotFound } from '../platform/orNotFound.ts';
import { ServiceError } from '../platform/ServiceError.ts';
import type { Services } from '../Services.ts';
import { findMeterUsage } from './findMeterUsage.ts';
import { findRecordedRequest } from './findRecordedRequest.ts';
import { insertUsageRequest } from './insertUsageRequest.ts';
import { meterQuantity, priceUsage, type UsageCounts } from './priceUsage.ts';
import { saveMeterUsage } from './saveMeterUsage.ts';
import { usagePeriodStart } from './usagePeriodStart.ts';

export interface RecordUsageInput extends UsageCounts {
  request_id: string;
  /** `con_...` or the merchant's reference id. */
  customer_id: string;
  meter_slug: string;
  metadata: Record<string, string>;
}

/** A recorded request, as stored, and whether this call recorded it. */
export interface RecordedUsage {
  row: Tables['usage_requests'];
  created: boolean;
}

// Prepared: `POST /v1/requests` runs it for every request a merchant reports, and building it
// anew each time cost more CPU than the database takes to run it.
const findSubscription = prepareQuery(
  (db, param: Param<{ customer_id: string; meter_id: string }>) =>
    db
      .selectFrom('subscriptions')
      .innerJoin('plans', 'plans.id', 'subscriptions.plan_id')
      .leftJoin('plan_meters', (join) =>
        join
          .onRef('plan_meters.plan_id', '=', 'subscriptions.plan_id')
          .on('plan_meters.meter_id', '=', param('meter_id')),
      )
      .select([
        'subscriptions.id',
        'subscriptions.cycle_start_at',
        'plan_meters.meter_id as linked_meter',
      ])
      .where('subscriptions.customer_id', '=', param('customer_id'))
      .where('subscriptions.status', '=', 'active'),
);
/** What makes two recordings of one request_id the same request. */
const sameRequest = (
  row: Tables['usage_requests'],
  customerId: string,
  meterId: string,
  usage: string,
  metadata: string,
) =>
  row.customer_id === customerId &&
  row.meter_id === meterId &&
  row.usage === usage &&
  row.metadata === metadata;

/**
 * Records a request's usage against a customer and a meter, in one transaction: prices it by
 * the meter's tiers (graduated over what the customer used of the meter this period), then
 * draws the charge from the customer's credits (`drawCredits`: cycle credit first, then bundle
 * credit) when the meter is linked to their plan. What credits cannot cover is overage: charged
 * on the request, not drawn. Idempotent on `request_id`: the same request again returns
 * the first record; another request under the same id is refused. Arithmetic is exact
 * (decimal), rounded once per request to 10 places.
 */
export async function recordUsage(
  deps: Pick<Services, 'db' | 'dialect' | 'now'>,
  merchant: { id: string; environment: Environment },
  input: RecordUsageInput,
): Promise<RecordedUsage> {
  const { db } = deps;
  const customer = await findCustomerOrThrow(db, merchant.id, input.customer_id, 'customer_id');
  const meter = orNotFound(
    (await liveMeterBySlug(db, { merchant_id: merchant.id, slug: input.meter_slug })).rows[0],
    `Lava Checkout: no meter with meter_slug "${input.meter_slug}" in this account. Use the meter_slug that POST /v1/meters returned.`,
    'meter_slug',
  );
  const usage: UsageCounts = {
    input_tokens: input.input_tokens,
    output_tokens: input.output_tokens,
    input_characters: input.input_characters,
    output_characters: input.output_characters,
    input_seconds: input.input_seconds,
    output_seconds: input.output_seconds,
  };
  const usageJson = JSON.stringify(usage);
  const metadataJson = JSON.stringify(input.metadata);

  const recorded = await db.transaction().execute(async (trx): Promise<RecordedUsage> => {
    // One writer per customer: tiers and credits are read, then written.
    await lockSubjects(trx, deps.dialect, [
      `usage:${customer.id}`,
      `request:${merchant.id}:${input.request_id}`,
    ]);
    const [existing] = (
      await findRecordedRequest(trx, { merchant_id: merchant.id, request_id: input.request_id })
    ).rows;
    if (existing) {
      if (sameRequest(existing, customer.id, meter.id, usageJson, metadataJson)) {
        return { row: existing, created: false };
      }
      throw new ServiceError(
        'request_id_conflict',
        `Lava Checkout: request_id "${input.request_id}" was already recorded with other usage. Give each request its own request_id.`,
        { param: 'request_id' },
      );
    }

    const now = deps.now();
    const at = now.toISOString();
    const [subscription] = (
      await findSubscription(trx, { customer_id: customer.id, meter_id: meter.id })
    ).rows;

    const periodStart = usagePeriodStart(subscription?.cycle_start_at, now);
    const [used] = (
      await findMeterUsage(trx, {
        customer_id: customer.id,
        meter_id: meter.id,
        period_start: periodStart,
      })
    ).rows;
    const before = new Money(used?.quantity ?? 0);
    const quantity = meterQuantity(meter.tier_type, usage);
    const priced = priceUsage(
      { rate_type: meter.rate_type, tier_type: meter.tier_type, tiers: readTiers(meter) },
      before,
      quantity,
    );
    const charge = priced.charge.toDecimalPlaces(USAGE_PLACES);
    const total = before.plus(quantity).toString();
    await saveMeterUsage(trx, {
      customer_id: customer.id,
      meter_id: meter.id,
      period_start: periodStart,
      quantity: total,
    });

    const id = createId(ID_PREFIXES.request, merchant.environment);
    let drawnCycle = new Money(0);
    let drawnBundle = new Money(0);
    if (subscription?.linked_meter) {
      const draw = await drawCredits(trx, {
        merchant,
        customerId: customer.id,
        amount: toCreditUnits(charge),
        requestId: id,
        at: now,
      });
      drawnCycle = fromCreditUnits(draw.cycle);
      drawnBundle = fromCreditUnits(draw.bundle);
    }

    const parts = splitAmount(charge);
    const row: Tables['usage_requests'] = {
      id,
      merchant_id: merchant.id,
      request_id: input.request_id,
      customer_id: customer.id,
      meter_id: meter.id,
      subscription_id: subscription?.id ?? null,
      usage: usageJson,
      charge: formatUsage(charge),
      drawn_cycle: formatMoney(drawnCycle),
      drawn_bundle: formatMoney(drawnBundle),
      breakdown: JSON.stringify({
        rate_type: meter.rate_type,
        breakdown: priced.breakdown.map((part) => ({ ...part, cost: formatUsage(part.cost) })),
      }),
      metadata: metadataJson,
      created_at: at,
      usage_tokens: usage.input_tokens + usage.output_tokens,
      charge_trillions: parts.trillions,
      charge_ones: parts.ones,
      charge_fraction: parts.fraction,
      provider: null,
      model: null,
      endpoint: null,
      provider_key_type: null,
      cost: null,
      status: null,
    };
    await insertUsageRequest(trx, row);
    return { row, created: true };
  });
  if (recorded.created) balanceChanged(db, customer.id);
  return recorded;
}
