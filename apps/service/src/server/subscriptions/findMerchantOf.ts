import type { Db, Tables } from '../platform/db/Database.ts';

/** The merchant as events need it (id and environment); a merchant id from a verified key or token. */
export async function findMerchantOf(
  db: Db,
  merchantId: string,
): Promise<Pick<Tables['merchants'], 'id' | 'environment'>> {
  return db
    .selectFrom('merchants')
    .select(['id', 'environment'])
    .where('id', '=', merchantId)
    .executeTakeFirstOrThrow();
}
