import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeBase64Url, secretKeyEnvironment } from '@lava-checkout/protocol';
import { createId } from '../platform/createId.ts';
import type { Db } from '../platform/db/Database.ts';
import { createFreePlan } from './createFreePlan.ts';
import { insertProPlanMerchant } from './insertProPlanMerchant.ts';
import { registerSecretKey } from './registerSecretKey.ts';

/** What a development start prints and the demo needs. */
export interface DevMerchant {
  merchantId: string;
  secretKey: string;
  planId: string;
}

/** Name of the file in the data folder that keeps the generated key and the plan id. */
const DEV_MERCHANT_FILE = 'dev-merchant.json';

/**
 * Development defaults, so `pnpm dev` sells at once: on first start, a test merchant, its test secret key
 * (`secretKey` when given, else generated and kept in the data folder) and the seeds'
 * "Pro Plan" with its meter and two credit bundles. Later starts reuse them; a new
 * `secretKey` is added to the same merchant.
 */
export async function ensureDevMerchant(
  db: Db,
  options: { dataDir: string; secretKey?: string | undefined; now: Date },
): Promise<DevMerchant> {
  const file = join(options.dataDir, DEV_MERCHANT_FILE);
  const kept = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as DevMerchant) : null;
  const secretKey =
    options.secretKey ?? kept?.secretKey ?? `aks_test_${encodeBase64Url(randomBytes(32))}`;
  if (secretKeyEnvironment(secretKey) !== 'test') {
    throw new Error(
      'Lava Checkout: LAVA_SECRET_KEY must be a test key (aks_test_ followed by at least 16 letters, digits, _ or -) for the development merchant. Unset it to have one generated.',
    );
  }

  const created = await db.transaction().execute(async (trx) => {
    const existing = kept
      ? await trx
          .selectFrom('plans')
          .select(['id', 'merchant_id'])
          .where('id', '=', kept.planId)
          .executeTakeFirst()
      : undefined;
    if (existing) return { merchantId: existing.merchant_id, planId: existing.id };

    const at = options.now.toISOString();
    const merchantId = createId('mer', 'test');
    const planId = await insertProPlanMerchant(
      trx,
      { id: merchantId, name: 'Lava Demo Merchant', environment: 'test' },
      at,
    );
    const meterId = createId('prd', 'test');
    await trx
      .insertInto('meters')
      .values({
        id: meterId,
        merchant_id: merchantId,
        name: 'AI Chat Tokens',
        slug: 'ai-chat-tokens',
        rate_type: 'fixed',
        tier_type: 'tokens_1m',
        tiers: JSON.stringify([{ start: '0', rate: '3.00' }]),
        created_at: at,
      })
      .execute();
    await trx.insertInto('plan_meters').values({ plan_id: planId, meter_id: meterId }).execute();
    await createFreePlan(trx, { id: merchantId, environment: 'test' }, options.now);
    await trx
      .insertInto('credit_bundles')
      .values([
        {
          id: createId('cb', 'test'),
          plan_id: planId,
          name: '$25 Top-up',
          cost: '25.00',
          credit_amount: '25.00',
          created_at: at,
        },
        {
          id: createId('cb', 'test'),
          plan_id: planId,
          name: '$100 Top-up',
          cost: '100.00',
          credit_amount: '100.00',
          created_at: at,
        },
      ])
      .execute();
    return { merchantId, planId };
  });

  await registerSecretKey(
    db,
    { id: created.merchantId, environment: 'test' },
    secretKey,
    options.now,
  );
  const merchant: DevMerchant = { ...created, secretKey };
  writeFileSync(file, `${JSON.stringify(merchant, null, 2)}\n`, { mode: 0o600 });
  return merchant;
}
