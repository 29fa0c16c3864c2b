import { ID_PREFIXES } from '@lava-checkout/protocol';
import { createId } from '../platform/createId.ts';
import type { Db, SpendKeyCycle, Tables } from '../platform/db/Database.ts';
import { newSpendKey } from './newSpendKey.ts';

/** A spend key's settings, as the REST API takes them (every field optional but the name). */
export interface SpendKeySettings {
  name: string;
  status?: 'active' | 'paused' | undefined;
  request_shape?: 'openai' | 'anthropic' | undefined;
  allowed_models?: string[] | null | undefined;
  allowed_providers?: string[] | null | undefined;
  spend_limit?: { amount: string; cycle: SpendKeyCycle } | null | undefined;
  request_limit?: { count: number; cycle: SpendKeyCycle } | null | undefined;
  rate_limit?: { rpm: number; burst?: number | null | undefined } | null | undefined;
  expires_at?: string | null | undefined;
}

/** The columns a spend key's settings write; fields left out of `settings` are left out here. */
export function settingsColumns(
  settings: Omit<SpendKeySettings, 'name'> & { name?: string | undefined },
): Partial<Tables['spend_keys']> {
  const columns: Partial<Tables['spend_keys']> = {};
  if (settings.name !== undefined) columns.name = settings.name;
  if (settings.status !== undefined) columns.status = settings.status;
  if (settings.request_shape !== undefined) columns.request_shape = settings.request_shape;
  if (settings.allowed_models !== undefined) {
    columns.allowed_models =
      settings.allowed_models === null ? null : JSON.stringify(settings.allowed_models);
  }
  if (settings.allowed_providers !== undefined) {
    columns.allowed_providers =
      settings.allowed_providers === null ? null : JSON.stringify(settings.allowed_providers);
  }
  if (settings.spend_limit !== undefined) {
    columns.spend_limit_amount = settings.spend_limit?.amount ?? null;
    columns.spend_limit_cycle = settings.spend_limit?.cycle ?? null;
  }
  if (settings.request_limit !== undefined) {
    columns.request_limit_count = settings.request_limit?.count ?? null;
    columns.request_limit_cycle = settings.request_limit?.cycle ?? null;
  }
  if (settings.rate_limit !== undefined) {
    columns.rate_limit_rpm = settings.rate_limit?.rpm ?? null;
    columns.rate_limit_burst = settings.rate_limit?.burst ?? null;
    // A new limit starts with a full bucket.
    columns.rate_tokens = null;
    columns.rate_updated_at = null;
  }
  if (settings.expires_at !== undefined) columns.expires_at = settings.expires_at;
  return columns;
}

/**
 * Creates a spend key for a merchant, optionally scoped to one customer and meter (the
 * customer's plan credits then pay for its calls), and returns its row and the key, which is
 * shown this once and stored only as its SHA-256.
 */
export async function createSpendKey(
  db: Db,
  scope: {
    merchantId: string;
    environment: 'test' | 'live';
    customerId: string | null;
    meterId: string | null;
  },
  settings: SpendKeySettings,
  now: Date,
): Promise<{ row: Tables['spend_keys']; key: string }> {
  const { key, hash, preview } = newSpendKey(scope.environment);
  const row: Tables['spend_keys'] = {
    id: createId(ID_PREFIXES.spendKey, scope.environment),
    merchant_id: scope.merchantId,
    customer_id: scope.customerId,
    meter_id: scope.meterId,
    name: settings.name,
    key_hash: hash,
    key_preview: preview,
    status: 'active',
    request_shape: 'openai',
    allowed_models: null,
    allowed_providers: null,
    spend_limit_amount: null,
    spend_limit_cycle: null,
    request_limit_count: null,
    request_limit_cycle: null,
    rate_limit_rpm: null,
    rate_limit_burst: null,
    expires_at: null,
    spend_cycle_start: null,
    current_spend: '0',
    total_spend: '0',
    request_cycle_start: null,
    current_requests: 0,
    total_requests: 0,
    rate_tokens: null,
    rate_updated_at: null,
    version: 0,
    last_used_at: null,
    created_at: now.toISOString(),
    revoked_at: null,
    ...settingsColumns(settings),
  };
  await db.insertInto('spend_keys').values(row).execute();
  return { row, key };
}
