import type { Db } from '../platform/db/Database.ts';
import { newSecretKey } from './createMerchant.ts';
import { registerSecretKey } from './registerSecretKey.ts';

/** How long a rotated key keeps working, unless the rotation says otherwise. */
export const DEFAULT_GRACE_MS = 24 * 60 * 60 * 1000;

/**
 * Gives a merchant a new secret key. Its current keys keep working for the grace period (so
 * servers can be moved to the new key one by one), then stop; checkout sessions they signed
 * that the service saw before then still open until they expire, and no other does (see
 * `recordSession`). A grace of 0 retires them at once.
 */
export async function rotateSecretKey(
  db: Db,
  options: { merchantId: string; graceMs?: number; now: Date },
): Promise<{ secretKey: string; oldKeysStopAt: string }> {
  const merchant = await db
    .selectFrom('merchants')
    .select(['id', 'environment'])
    .where('id', '=', options.merchantId)
    .executeTakeFirst();
  if (!merchant) {
    throw new Error(
      `Lava Checkout: no merchant ${options.merchantId}. Pass the merchant id that "keys create" printed.`,
    );
  }
  const secretKey = newSecretKey(merchant.environment);
  const oldKeysStopAt = new Date(
    options.now.getTime() + (options.graceMs ?? DEFAULT_GRACE_MS),
  ).toISOString();
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('secret_keys')
      .set({ revoked_at: oldKeysStopAt })
      .where('merchant_id', '=', merchant.id)
      .where((eb) => eb.or([eb('revoked_at', 'is', null), eb('revoked_at', '>', oldKeysStopAt)]))
      .execute();
    await registerSecretKey(trx, merchant, secretKey, options.now);
  });
  return { secretKey, oldKeysStopAt };
}
