import { randomBytes } from 'node:crypto';
import { ID_PREFIXES } from '@lava-checkout/protocol';
import { hashSecretKey } from '../merchants/hashSecretKey.ts';
import { createId } from '../platform/createId.ts';
import type { Db } from '../platform/db/Database.ts';
import { ServiceError } from '../platform/ServiceError.ts';

/** A sign-in not finished within this long is over. */
export const SIGN_IN_LIFETIME_MS = 15 * 60 * 1000;

/**
 * Starts a browser sign-in for an agent: returns its id (in the page's URL, `/sign-in/:id`) and
 * the secret the agent polls with, stored only as its SHA-256. `merchantId` names the merchant
 * a customer signs in at; without it only a merchant can finish the sign-in.
 */
export async function startSignIn(
  db: Db,
  merchantId: string | null,
  now: Date,
): Promise<{ id: string; pollSecret: string; expiresAt: string }> {
  if (merchantId !== null) {
    const merchant = await db
      .selectFrom('merchants')
      .select('id')
      .where('id', '=', merchantId)
      .executeTakeFirst();
    if (!merchant) {
      throw new ServiceError(
        'invalid_request',
        `Lava Checkout: no merchant ${merchantId}. Pass the merchant_id of the service you buy from, or leave it out to sign in as a merchant.`,
        { param: 'merchant_id' },
      );
    }
  }
  const id = createId(ID_PREFIXES.signIn, 'live');
  const pollSecret = `lps_${randomBytes(24).toString('base64url')}`;
  const expiresAt = new Date(now.getTime() + SIGN_IN_LIFETIME_MS).toISOString();
  await db
    .insertInto('sign_ins')
    .values({
      id,
      merchant_id: merchantId,
      poll_hash: hashSecretKey(pollSecret),
      status: 'pending',
      customer_id: null,
      meter_id: null,
      phone: null,
      code_hash: null,
      code_expires_at: null,
      code_attempts: 0,
      code_sends: 0,
      auth_code: null,
      expires_at: expiresAt,
      created_at: now.toISOString(),
    })
    .execute();
  return { id, pollSecret, expiresAt };
}
