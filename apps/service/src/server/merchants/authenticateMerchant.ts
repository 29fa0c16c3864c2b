import { decodeBase64Url, type Environment } from '@lava-checkout/protocol';
import type { Db } from '../platform/db/Database.ts';
import { type Param, prepareQuery } from '../platform/db/prepareQuery.ts';
import { ServiceError } from '../platform/ServiceError.ts';
import { hashSecretKey } from './hashSecretKey.ts';

/** The merchant a REST API request acts for, and the key it came with. */
export interface AuthenticatedMerchant {
  id: string;
  environment: Environment;
  /** The session-signing key of the secret key used: sessions minted by the API are signed with it. */
  signingKey: { kid: string; key: Uint8Array<ArrayBuffer> };
}

const findKey = prepareQuery((db, param: Param<{ key_hash: string; now: string }>) =>
  db
    .selectFrom('secret_keys')
    .innerJoin('merchants', 'merchants.id', 'secret_keys.merchant_id')
    .select(['merchants.id', 'merchants.environment', 'secret_keys.kid', 'secret_keys.signing_key'])
    .where('secret_keys.key_hash', '=', param('key_hash'))
    .where((eb) =>
      eb.or([
        eb('secret_keys.revoked_at', 'is', null),
        eb('secret_keys.revoked_at', '>', param('now')),
      ]),
    ),
);

/**
 * Finds the merchant of an `Authorization: Bearer <secret key>` header, in one query: keys are
 * looked up by their SHA-256, and a rotated key works until its grace period ends.
 */
export async function authenticateMerchant(
  db: Db,
  authorization: string | undefined,
  now: Date,
): Promise<AuthenticatedMerchant> {
  const key = /^Bearer (aks_(?:test|live)_\S+)$/.exec(authorization ?? '')?.[1];
  const row = key
    ? (await findKey(db, { key_hash: hashSecretKey(key), now: now.toISOString() })).rows[0]
    : undefined;
  const signingKey = row && decodeBase64Url(row.signing_key);
  if (!row || !signingKey) {
    throw new ServiceError(
      'invalid_api_key',
      'Lava Checkout: missing or unknown secret key. Send Authorization: Bearer aks_test_... with the key of your merchant account.',
    );
  }
  return {
    id: row.id,
    environment: row.environment,
    signingKey: { kid: row.kid, key: signingKey },
  };
}
