import { randomBytes } from 'node:crypto';
import { hashSecretKey } from '../merchants/hashSecretKey.ts';
import type { Db, Tables } from '../platform/db/Database.ts';

/** A one-time code is exchanged within this long, or never. */
export const AUTH_CODE_LIFETIME_MS = 10 * 60 * 1000;

/**
 * A one-time code for `POST /v1/auth/callback`, stored only as its SHA-256: for a merchant
 * (`secret_key` makes it a new secret key, `spend_key` a spend key billing the merchant) or for a
 * customer and meter (`spend_key`, billing the customer's plan credits).
 */
export async function createAuthCode(
  db: Db,
  grant: Pick<Tables['auth_codes'], 'merchant_id' | 'purpose' | 'customer_id' | 'meter_id'>,
  now: Date,
): Promise<string> {
  const code = `lac_${randomBytes(24).toString('base64url')}`;
  await db
    .insertInto('auth_codes')
    .values({
      ...grant,
      code_hash: hashSecretKey(code),
      expires_at: new Date(now.getTime() + AUTH_CODE_LIFETIME_MS).toISOString(),
      used_at: null,
      created_at: now.toISOString(),
    })
    .execute();
  return code;
}
