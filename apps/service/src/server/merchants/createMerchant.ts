import { randomBytes } from 'node:crypto';
import { type Environment, ID_PREFIXES } from '@lava-checkout/protocol';
import { createId } from '../platform/createId.ts';
import type { Db } from '../platform/db/Database.ts';
import { createFreePlan } from './createFreePlan.ts';
import { insertMerchant } from './insertMerchant.ts';
import { registerSecretKey } from './registerSecretKey.ts';

/** A new secret key: `aks_<environment>_` and 256 random bits. */
export const newSecretKey = (environment: Environment) =>
  `aks_${environment}_${randomBytes(32).toString('base64url')}`;

/** Creates a merchant with its Free plan and its first secret key, which is returned once and stored only hashed. */
export async function createMerchant(
  db: Db,
  options: { name: string; environment: Environment; now: Date },
): Promise<{ merchantId: string; secretKey: string }> {
  const merchantId = createId(ID_PREFIXES.merchant, options.environment);
  const secretKey = newSecretKey(options.environment);
  await db.transaction().execute(async (trx) => {
    await insertMerchant(
      trx,
      { id: merchantId, name: options.name, environment: options.environment },
      options.now.toISOString(),
    );
    await createFreePlan(trx, { id: merchantId, environment: options.environment }, options.now);
    await registerSecretKey(
      trx,
      { id: merchantId, environment: options.environment },
      secretKey,
      options.now,
    );
  });
  return { merchantId, secretKey };
}
