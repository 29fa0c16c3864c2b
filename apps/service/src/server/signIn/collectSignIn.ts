import { timingSafeEqual } from 'node:crypto';
import { hashSecretKey } from '../merchants/hashSecretKey.ts';
import type { Db } from '../platform/db/Database.ts';
import { ServiceError } from '../platform/ServiceError.ts';

/**
 * What the agent that started a sign-in learns when it polls with its secret: still `pending`,
 * or `signed_in` with the one-time code, handed over once (then the sign-in is `collected`).
 */
export async function collectSignIn(
  db: Db,
  id: string,
  pollSecret: string,
  now: Date,
): Promise<{ status: 'pending' } | { status: 'signed_in'; code: string }> {
  const row = await db.selectFrom('sign_ins').selectAll().where('id', '=', id).executeTakeFirst();
  const given = Buffer.from(hashSecretKey(pollSecret), 'hex');
  if (!row || !timingSafeEqual(Buffer.from(row.poll_hash, 'hex'), given)) {
    throw new ServiceError(
      'invalid_api_key',
      'Lava Checkout: unknown sign-in or wrong poll secret. Run login again and poll with the poll_secret it returned.',
    );
  }
  if (row.status === 'signed_in' && row.auth_code !== null) {
    const taken = await db
      .updateTable('sign_ins')
      .set({ status: 'collected', auth_code: null })
      .where('id', '=', id)
      .where('status', '=', 'signed_in')
      .executeTakeFirst();
    if ((taken.numUpdatedRows ?? 0n) > 0n) return { status: 'signed_in', code: row.auth_code };
  }
  if (row.status !== 'pending' || row.expires_at <= now.toISOString()) {
    throw new ServiceError(
      'session_expired',
      'Lava Checkout: this sign-in is over (expired, or its code was collected). Run login again.',
    );
  }
  return { status: 'pending' };
}
