import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { encodeBase64Url } from '@lava-checkout/protocol';
import { insertProPlanMerchant } from '../merchants/insertProPlanMerchant.ts';
import { registerSecretKey } from '../merchants/registerSecretKey.ts';
import { createId } from '../platform/createId.ts';
import { openDatabase } from '../platform/db/openDatabase.ts';

/** A live merchant as a test seeded it: its secret key and the plan it sells. */
export interface SeededMerchant {
  merchantId: string;
  secretKey: string;
  planId: string;
}

/**
 * Test fixture for production mode, which creates no test merchant: puts a live merchant, its
 * live secret key and a 49.00-a-month "Pro Plan" into the database file of `dataDir` (creating
 * and migrating it), before the service starts on it.
 */
export async function seedLiveMerchant(dataDir: string, now = new Date()): Promise<SeededMerchant> {
  const { db } = await openDatabase(join(dataDir, 'checkout.sqlite'));
  try {
    const at = now.toISOString();
    const merchantId = createId('mer', 'live');
    const secretKey = `aks_live_${encodeBase64Url(randomBytes(32))}`;
    const planId = await insertProPlanMerchant(
      db,
      { id: merchantId, name: 'Lava Live Merchant', environment: 'live' },
      at,
    );
    await registerSecretKey(db, { id: merchantId, environment: 'live' }, secretKey, now);
    return { merchantId, secretKey, planId };
  } finally {
    await db.destroy();
  }
}
