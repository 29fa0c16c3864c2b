import { AUTO_TOP_UPS_PER_CYCLE } from '../credits/AUTO_TOP_UPS_PER_CYCLE.ts';
import type { Tables } from '../platform/db/Database.ts';
import type { Brand } from './checkBrand.ts';

/** The merchant as `GET /v1/merchant` answers it: its id, environment, brand and auto top-up cap. */
export function toRestMerchant(row: Tables['merchants']) {
  return {
    merchant_id: row.id,
    environment: row.environment,
    name: row.name,
    logo_url: row.logo_url,
    support_email: row.support_email,
    terms_url: row.terms_url,
    privacy_url: row.privacy_url,
    /** Auto top-ups one subscription may buy in a cycle: the merchant's number, or the default. */
    auto_top_ups_per_cycle: row.auto_top_ups_per_cycle ?? AUTO_TOP_UPS_PER_CYCLE,
    created_at: row.created_at,
  } satisfies Brand & Record<string, unknown>;
}
