import { type CustomerSessionClaims, verifyCustomerSessionSecret } from '@lava-checkout/protocol';
import { createSecretVerifier, type SecretVerifier } from '../merchants/createSecretVerifier.ts';
import type { Db } from '../platform/db/Database.ts';

export type CustomerSessionVerifier = SecretVerifier<CustomerSessionClaims>;

/**
 * Verifies customer session secrets (signature, key, 60-minute expiry) with the same key
 * lookup and caches as checkout sessions (see `createSecretVerifier`).
 */
export function createCustomerSessionVerifier(db: Db): CustomerSessionVerifier {
  return createSecretVerifier(db, verifyCustomerSessionSecret);
}
