import { sql } from 'kysely';
import { readTiers } from '../../catalog/toRestMeter.ts';
import type { Db } from '../../platform/db/Database.ts';
import { type Param, prepareQuery } from '../../platform/db/prepareQuery.ts';
import { usagePeriodStart } from '../../usage/usagePeriodStart.ts';
import { type GatewayResult, refuse } from '../GatewayProblem.ts';
import type { PricedMeter } from '../pricing/priceMeterCharge.ts';
import type { GatewayCredential, MeterRef } from '../readGatewayCredential.ts';

/** Who a gateway call is billed to, as its credential says. */
export interface GatewayPayer {
  /** `credits`: the customer's credits pay (reserve, then settle); `none`: recorded only. */
  billing: 'credits' | 'none';
  customer: { id: string } | null;
  meter: (PricedMeter & { id: string }) | null;
  /** The active subscription the meter is on, for a customer. */
  subscriptionId: string | null;
  /** Start of the period graduated tiers count from: the cycle, else the month. */
  periodStart: string | null;
}

type MeterParams = { merchant_id: string; ref: string };
const meters = (db: Db, param: Param<MeterParams>) =>
  db
    .selectFrom('meters')
    .select(['meters.id', 'meters.rate_type', 'meters.tier_type', 'meters.tiers'])
    .where('meters.merchant_id', '=', param('merchant_id'))
    .where('meters.deleted_at', 'is', null);
/** A merchant's meter, by how the credential names it. */
const findMeter = {
  slug: prepareQuery((db, param: Param<MeterParams>) =>
    meters(db, param).where('meters.slug', '=', param('ref')),
  ),
  id: prepareQuery((db, param: Param<MeterParams>) =>
    meters(db, param).where('meters.id', '=', param('ref')),
  ),
  plan: prepareQuery((db, param: Param<MeterParams>) =>
    meters(db, param)
      .innerJoin('plan_meters', 'plan_meters.meter_id', 'meters.id')
      .where('plan_meters.plan_id', '=', param('ref')),
  ),
};
const refOf = (ref: MeterRef) =>
  ref.by === 'slug' ? ref.slug : ref.by === 'id' ? ref.id : ref.planId;

/** A customer (by id or reference id), their active subscription, and whether it has the meter. */
const findSubscriber = prepareQuery(
  (db, param: Param<{ merchant_id: string; customer: string; meter_id: string }>) =>
    db
      .selectFrom('customers')
      .leftJoin('subscriptions', (join) =>
        join
          .onRef('subscriptions.customer_id', '=', 'customers.id')
          // Written into the query: bound, it makes SQLite plan the query anew at every run
          // (the partial index of active subscriptions depends on it).
          .on('subscriptions.status', '=', sql.lit('active')),
      )
      .leftJoin('plan_meters', (join) =>
        join
          .onRef('plan_meters.plan_id', '=', 'subscriptions.plan_id')
          .on('plan_meters.meter_id', '=', param('meter_id')),
      )
      .select([
        'customers.id',
        'subscriptions.id as subscription_id',
        'subscriptions.cycle_start_at',
        'plan_meters.meter_id as linked',
      ])
      .where('customers.merchant_id', '=', param('merchant_id'))
      .where('customers.deleted_at', 'is', null)
      .where((eb) =>
        eb.or([
          eb('customers.id', '=', param('customer')),
          eb('customers.reference_id', '=', param('customer')),
        ]),
      )
      .orderBy('plan_meters.meter_id', 'desc'),
);

/**
 * Reads what a credential bills: the merchant alone; a meter (usage recorded, the merchant
 * pays); or a customer and a meter, which must be on the customer's active plan (their credits
 * pay, unless the token disables billing). Customers are named by id or by the merchant's
 * reference id. Each refusal says how to fix the token.
 */
export async function findGatewayPayer(
  db: Db,
  merchantId: string,
  credential: GatewayCredential,
  now: Date,
): Promise<GatewayResult<GatewayPayer>> {
  if (credential.mode === 'merchant') {
    return {
      ok: true,
      value: {
        billing: 'none',
        customer: null,
        meter: null,
        subscriptionId: null,
        periodStart: null,
      },
    };
  }
  const ref = credential.meter;
  const [row] = (await findMeter[ref.by](db, { merchant_id: merchantId, ref: refOf(ref) })).rows;
  if (!row) {
    const named =
      ref.by === 'slug'
        ? `meter_slug "${ref.slug}"`
        : ref.by === 'id'
          ? `meter ${ref.id}`
          : `a meter on plan ${ref.planId}`;
    return refuse(
      'unknown_meter',
      `this account has no ${named}`,
      'Mint the forward token with the meter_slug of one of your meters (POST /v1/meters returns it)',
    );
  }
  const meter = {
    id: row.id,
    rate_type: row.rate_type,
    tier_type: row.tier_type,
    tiers: readTiers(row),
  };
  if (credential.mode === 'meter') {
    return {
      ok: true,
      value: { billing: 'none', customer: null, meter, subscriptionId: null, periodStart: null },
    };
  }
  const [found] = (
    await findSubscriber(db, {
      merchant_id: merchantId,
      customer: credential.customerId,
      meter_id: meter.id,
    })
  ).rows;
  if (!found) {
    return refuse(
      'unknown_customer',
      `this account has no customer ${credential.customerId}`,
      'Mint the forward token with the customer_id the checkout or POST /v1/customers returned',
    );
  }
  if (!found.subscription_id || !found.linked) {
    return refuse(
      'meter_not_on_plan',
      `customer ${found.id} has no active plan with this meter on it`,
      'Link the meter to their plan (PATCH /v1/plans/:id with meter_ids), or have them check out a plan that has it',
    );
  }
  return {
    ok: true,
    value: {
      billing: credential.mode === 'customer' ? 'credits' : 'none',
      customer: { id: found.id },
      meter,
      subscriptionId: found.subscription_id,
      periodStart: usagePeriodStart(found.cycle_start_at, now),
    },
  };
}
