import { type SessionClaims, verifySessionSecret } from '@lava-checkout/protocol';
import {
  createSecretVerifier,
  type SecretVerifier,
  type VerifiedSecret as VerifiedSignedSecret,
} from '../merchants/createSecretVerifier.ts';
import type { Db } from '../platform/db/Database.ts';

/** What a checkout session secret says, once its signature held, and the key that signed it. */
export type VerifiedSecret = VerifiedSignedSecret<SessionClaims>;

export type SessionVerifier = SecretVerifier<SessionClaims>;

/**
 * Verifies checkout session secrets (signature, key, 60-minute expiry), keeping key lookups and
 * verified secrets for a while (see `createSecretVerifier`).
 *
 * Whether the key was retired is not decided here, from a cache or from the time the signer
 * wrote into the session, but by the database when the session is first seen (see
 * `recordSession`): a session counts only if the service saw it before its key was retired.
 */
export function createSessionVerifier(db: Db): SessionVerifier {
  return createSecretVerifier(db, verifySessionSecret);
}
