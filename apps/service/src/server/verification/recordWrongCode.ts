import { createUlid } from '@lava-checkout/protocol';
import { PHONE_LOCK_MS, WRONG_CODES_PER_PHONE } from '../checkoutSessions/limits.ts';
import { lockSubjects } from '../platform/db/lockSubjects.ts';
import type { Services } from '../Services.ts';

/**
 * Counts a wrong code against its phone at its merchant, whatever the session. The one that
 * reaches the limit within the window locks the phone for an hour at that merchant; returns
 * the lock's end when it did. Other merchants' checkouts neither count it nor see the lock.
 */
export async function recordWrongCode(
  deps: Pick<Services, 'db' | 'dialect'>,
  merchantId: string,
  phone: string,
  now: Date,
): Promise<string | null> {
  return deps.db.transaction().execute(async (trx) => {
    await lockSubjects(trx, deps.dialect, [`phone:${phone}`]);
    await trx
      .insertInto('code_failures')
      .values({
        id: `cf_${createUlid()}`,
        merchant_id: merchantId,
        phone,
        created_at: now.toISOString(),
      })
      .execute();
    const { failures } = await trx
      .selectFrom('code_failures')
      .select((eb) => eb.fn.countAll<number>().as('failures'))
      .where('merchant_id', '=', merchantId)
      .where('phone', '=', phone)
      .where(
        'created_at',
        '>',
        new Date(now.getTime() - WRONG_CODES_PER_PHONE.windowMs).toISOString(),
      )
      .executeTakeFirstOrThrow();
    if (Number(failures) < WRONG_CODES_PER_PHONE.max) return null;
    const lockedUntil = new Date(now.getTime() + PHONE_LOCK_MS).toISOString();
    await trx
      .insertInto('phone_locks')
      .values({ merchant_id: merchantId, phone, locked_until: lockedUntil })
      .onConflict((oc) =>
        oc.columns(['merchant_id', 'phone']).doUpdateSet({ locked_until: lockedUntil }),
      )
      .execute();
    // The failures that caused the lock are spent: after the hour, the phone starts afresh.
    await trx
      .deleteFrom('code_failures')
      .where('merchant_id', '=', merchantId)
      .where('phone', '=', phone)
      .execute();
    return lockedUntil;
  });
}
