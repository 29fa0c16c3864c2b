import type { Selectable } from 'kysely';
import type { MeterSummary } from '../../shared/PageBootstrap.ts';
import type { Db, Tables } from '../platform/db/Database.ts';
import { listPlanMeters } from './listPlanMeters.ts';

export type MerchantRow = Tables['merchants'];
export type PlanRow = Selectable<Tables['plans']>;

/** What a checkout sells and who sells it. */
export interface CatalogEntry {
  merchant: MerchantRow;
  plan: PlanRow;
  meters: MeterSummary[];
}

export interface Catalog {
  /** The merchant's plan, or `null` when the merchant has no such plan. */
  get(merchantId: string, planId: string, now: Date): Promise<CatalogEntry | null>;
  /** Drops what is kept of a merchant, so a change to its brand shows at once here. */
  forget(merchantId: string): void;
}

/** How long what a checkout shows of a plan may lag behind a change to it. */
const CATALOG_TTL_MS = 30_000;
/** A missing plan is asked about again after this, so a new plan sells at once. */
const MISSING_TTL_MS = 2_000;
const ENTRIES_KEPT = 1_000;

const MERCHANT_COLUMNS = [
  'id',
  'name',
  'environment',
  'created_at',
  'sms_countries',
  'logo_url',
  'terms_url',
  'privacy_url',
  'support_email',
] as const satisfies readonly (keyof MerchantRow)[];
const PLAN_COLUMNS = [
  'id',
  'merchant_id',
  'name',
  'period_amount',
  'billing_interval',
  'included_credit',
  'rollover_type',
  'bundle_rollover_type',
  'created_at',
] as const satisfies readonly (keyof PlanRow)[];

const unprefix = <T>(prefix: string, row: Record<string, unknown>): T =>
  Object.fromEntries(
    Object.entries(row)
      .filter(([name]) => name.startsWith(prefix))
      .map(([name, value]) => [name.slice(prefix.length), value]),
  ) as T;

/**
 * Merchants and plans as checkouts read them, kept for 30 seconds: every request of every
 * checkout needs them, and they change rarely (a plan's price and interval never do). Money
 * is never taken from a stale entry's word alone: the charge's amount is the plan's price,
 * which cannot change after the plan is made.
 */
export function createCatalog(db: Db): Catalog {
  const entries = new Map<string, { entry: CatalogEntry | null; until: number }>();
  return {
    async get(merchantId, planId, at) {
      const now = at.getTime();
      const key = `${merchantId}/${planId}`;
      const cached = entries.get(key);
      if (cached && cached.until > now) return cached.entry;
      const row = await db
        .selectFrom('merchants')
        .innerJoin('plans', 'plans.merchant_id', 'merchants.id')
        .select(MERCHANT_COLUMNS.map((c) => `merchants.${c} as m_${c}` as const))
        .select(PLAN_COLUMNS.map((c) => `plans.${c} as p_${c}` as const))
        .where('merchants.id', '=', merchantId)
        .where('plans.id', '=', planId)
        .executeTakeFirst();
      const entry: CatalogEntry | null = row
        ? {
            merchant: unprefix<MerchantRow>('m_', row),
            plan: unprefix<PlanRow>('p_', row),
            meters: await listPlanMeters(db, planId),
          }
        : null;
      if (entries.size >= ENTRIES_KEPT) entries.delete(entries.keys().next().value ?? '');
      entries.set(key, { entry, until: now + (entry ? CATALOG_TTL_MS : MISSING_TTL_MS) });
      return entry;
    },
    forget(merchantId) {
      for (const key of entries.keys()) {
        if (key.startsWith(`${merchantId}/`)) entries.delete(key);
      }
    },
  };
}
