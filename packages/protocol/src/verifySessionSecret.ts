import { CHECKOUT_SESSION_ID_PATTERN } from './ids.ts';
import { isBareOrigin } from './isBareOrigin.ts';
import type { CheckoutMode, SessionClaims } from './SessionClaims.ts';
import { SESSION_SECRET_PREFIX } from './signSessionSecret.ts';
import {
  type VerifySessionSecretOptions,
  type VerifySignedSecretResult,
  verifySignedSecret,
} from './verifySignedSecret.ts';

export type { VerifySessionSecretOptions } from './verifySignedSecret.ts';
export type VerifySessionSecretResult = VerifySignedSecretResult<SessionClaims>;

const MODES: readonly CheckoutMode[] = ['subscription', 'credit_bundle'];

function readClaims(d: Record<string, unknown>): SessionClaims | null {
  const optionalString = (value: unknown) => value === undefined || typeof value === 'string';
  if (
    // Only a checkout's secret has no `typ`: a customer's never opens a checkout.
    d.typ !== undefined ||
    typeof d.sid !== 'string' ||
    !CHECKOUT_SESSION_ID_PATTERN.test(d.sid) ||
    !MODES.includes(d.mode as CheckoutMode) ||
    typeof d.origin !== 'string' ||
    !isBareOrigin(d.origin) ||
    !optionalString(d.plan) ||
    !optionalString(d.customer) ||
    !optionalString(d.bundle)
  ) {
    return null;
  }
  const claims: SessionClaims = {
    sid: d.sid,
    mode: d.mode as CheckoutMode,
    origin: d.origin,
    iat: d.iat as number,
    exp: d.exp as number,
  };
  if (typeof d.plan === 'string') claims.plan = d.plan;
  if (typeof d.customer === 'string') claims.customer = d.customer;
  if (typeof d.bundle === 'string') claims.bundle = d.bundle;
  return claims;
}

/**
 * Verifies a checkout session secret: shape (a bare http(s) origin, at most 60 minutes of
 * life), key id, HMAC signature, then time: not issued more than 60 s in the future, not
 * expired. Never throws. Claims are returned only once the signature holds.
 */
export function verifySessionSecret(
  secret: unknown,
  options: VerifySessionSecretOptions,
): Promise<VerifySessionSecretResult> {
  return verifySignedSecret(secret, SESSION_SECRET_PREFIX, readClaims, options);
}
