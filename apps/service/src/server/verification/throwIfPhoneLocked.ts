import type { Db } from '../platform/db/Database.ts';
import { phoneLocked } from './phoneLocked.ts';

/** Refuses (`phoneLocked`) a phone the merchant has locked at `now` for wrong codes. */
export async function throwIfPhoneLocked(
  db: Db,
  merchantId: string,
  phone: string,
  now: Date,
): Promise<void> {
  const lock = await db
    .selectFrom('phone_locks')
    .select('locked_until')
    .where('merchant_id', '=', merchantId)
    .where('phone', '=', phone)
    .where('locked_until', '>', now.toISOString())
    .executeTakeFirst();
  if (lock) throw phoneLocked(now, lock.locked_until);
}
