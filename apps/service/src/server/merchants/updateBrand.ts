import type { Db } from '../platform/db/Database.ts';
import type { BrandChange } from './checkBrand.ts';

/** Sets the brand fields a checked change names; the others stay. */
export async function updateBrand(db: Db, merchantId: string, change: BrandChange): Promise<void> {
  if (Object.keys(change).length === 0) return;
  await db.updateTable('merchants').set(change).where('id', '=', merchantId).execute();
}
