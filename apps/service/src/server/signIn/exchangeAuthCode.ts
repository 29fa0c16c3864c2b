import { newSecretKey } from '../merchants/createMerchant.ts';
import { hashSecretKey } from '../merchants/hashSecretKey.ts';
import { registerSecretKey } from '../merchants/registerSecretKey.ts';
import type { Db } from '../platform/db/Database.ts';
import { ServiceError } from '../platform/ServiceError.ts';
import { createSpendKey } from '../spendKeys/createSpendKey.ts';
import { type RestSpendKey, toRestSpendKey } from '../spendKeys/toRestSpendKey.ts';

/** What a `secret_key` code gives: the published SDK's `RestAuthCredentials`. */
export interface SecretKeyCredentials {
  wallet_id: string;
  secret_key_id: string;
  secret_key: string;
  merchant_id: string;
  account_id: string;
}

/** What a `spend_key` code gives: a spend key of the sign-in's scope, shown this once. */
export interface SpendKeyCredentials {
  merchant_id: string;
  /** The signed-in customer, `null` when the merchant signed in. */
  customer_id: string | null;
  wallet_id: string;
  spend_key: RestSpendKey & { key: string };
}

const spent = () =>
  new ServiceError(
    'invalid_request',
    'Lava Checkout: this code is unknown, already used or expired. Sign in again to get a new one.',
    { param: 'code' },
  );

/**
 * Exchanges a one-time code, once: the write that marks it used is conditional on it being
 * unused and unexpired, so two exchanges of one code never both succeed. A `secret_key` code
 * gives a new secret key of the merchant (what `Lava.exchangeAuthCode` of the published SDK
 * reads); a `spend_key` code gives a spend key scoped to the merchant, or to the customer and
 * meter that signed in.
 */
export async function exchangeAuthCode(
  db: Db,
  code: string,
  now: Date,
): Promise<SecretKeyCredentials | SpendKeyCredentials> {
  const at = now.toISOString();
  const hash = hashSecretKey(code);
  const used = await db
    .updateTable('auth_codes')
    .set({ used_at: at })
    .where('code_hash', '=', hash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', at)
    .returning(['merchant_id', 'purpose', 'customer_id', 'meter_id'])
    .executeTakeFirst();
  if (!used) throw spent();
  const merchant = await db
    .selectFrom('merchants')
    .select(['id', 'environment'])
    .where('id', '=', used.merchant_id)
    .executeTakeFirstOrThrow();
  if (used.purpose === 'secret_key') {
    const secretKey = newSecretKey(merchant.environment);
    const id = await registerSecretKey(db, merchant, secretKey, now, 'Signed in from a browser');
    return {
      wallet_id: merchant.id,
      secret_key_id: id,
      secret_key: secretKey,
      merchant_id: merchant.id,
      account_id: merchant.id,
    };
  }
  const { row, key } = await createSpendKey(
    db,
    {
      merchantId: merchant.id,
      environment: merchant.environment,
      customerId: used.customer_id,
      meterId: used.meter_id,
    },
    { name: used.customer_id ? 'Agent sign-in (customer)' : 'Agent sign-in (merchant)' },
    now,
  );
  return {
    merchant_id: merchant.id,
    customer_id: used.customer_id,
    wallet_id: used.customer_id ?? merchant.id,
    spend_key: { ...toRestSpendKey(row, now), key },
  };
}
