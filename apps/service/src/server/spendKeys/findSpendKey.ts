import { hashSecretKey } from '../merchants/hashSecretKey.ts';
import type { Db, Tables } from '../platform/db/Database.ts';
import { ServiceError } from '../platform/ServiceError.ts';
import { SPEND_KEY } from './newSpendKey.ts';

/**
 * The spend key of an `Authorization: Bearer lsk_…` header, for reads that spend nothing (the
 * agent's balance and usage): live, not revoked, not expired. Paused keys may still read.
 */
export async function findSpendKey(
  db: Db,
  authorization: string | undefined,
  now: Date,
): Promise<Tables['spend_keys']> {
  const key = /^Bearer (\S+)$/i.exec(authorization ?? '')?.[1];
  const row =
    key && SPEND_KEY.test(key)
      ? await db
          .selectFrom('spend_keys')
          .selectAll()
          .where('key_hash', '=', hashSecretKey(key))
          .where('revoked_at', 'is', null)
          .where((eb) =>
            eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now.toISOString())]),
          )
          .executeTakeFirst()
      : undefined;
  if (!row) {
    throw new ServiceError(
      'invalid_api_key',
      'Lava Checkout: missing, unknown, revoked or expired spend key. Send Authorization: Bearer lsk_… with a live key (sign in again with the MCP login tool to get one).',
    );
  }
  return row;
}
