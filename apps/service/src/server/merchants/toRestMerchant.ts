import type { Tables } from '../platform/db/Database.ts';
import type { Brand } from './checkBrand.ts';

/** The merchant as `GET /v1/merchant` answers it: its id, environment and brand. */
export function toRestMerchant(row: Tables['merchants']) {
  return {
    merchant_id: row.id,
    environment: row.environment,
    name: row.name,
    logo_url: row.logo_url,
    support_email: row.support_email,
    terms_url: row.terms_url,
    privacy_url: row.privacy_url,
    created_at: row.created_at,
  } satisfies Brand & Record<string, unknown>;
}
