import type { MeterSummary } from '../../shared/PageBootstrap.ts';
import type { Db } from '../platform/db/Database.ts';

/** The meters linked to a plan, with their tiers: what usage costs past the included credit. */
export async function listPlanMeters(db: Db, planId: string): Promise<MeterSummary[]> {
  const rows = await db
    .selectFrom('plan_meters')
    .innerJoin('meters', 'meters.id', 'plan_meters.meter_id')
    .select(['meters.name', 'meters.tier_type', 'meters.rate_type', 'meters.tiers'])
    .where('plan_meters.plan_id', '=', planId)
    .orderBy('meters.name')
    .execute();
  return rows.map((row) => ({
    name: row.name,
    tierType: row.tier_type,
    rateType: row.rate_type,
    tiers: (JSON.parse(row.tiers) as { start: string | number; rate: string }[]).map((tier) => ({
      start: String(tier.start),
      rate: tier.rate,
    })),
  }));
}
