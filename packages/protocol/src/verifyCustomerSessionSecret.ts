import type { CustomerSessionClaims } from './CustomerSessionClaims.ts';
import { isBareOrigin } from './isBareOrigin.ts';
import { CUSTOMER_SESSION_SECRET_PREFIX } from './mintCustomerSession.ts';
import {
  type VerifySessionSecretOptions,
  type VerifySignedSecretResult,
  verifySignedSecret,
} from './verifySignedSecret.ts';

export type VerifyCustomerSessionSecretResult = VerifySignedSecretResult<CustomerSessionClaims>;

function readClaims(d: Record<string, unknown>): CustomerSessionClaims | null {
  if (
    d.typ !== 'customer' ||
    typeof d.sub !== 'string' ||
    d.sub.length === 0 ||
    d.sub.length > 255 ||
    typeof d.origin !== 'string' ||
    !isBareOrigin(d.origin)
  ) {
    return null;
  }
  return {
    typ: 'customer',
    sub: d.sub,
    origin: d.origin,
    iat: d.iat as number,
    exp: d.exp as number,
  };
}

/**
 * Verifies a customer session secret as `verifySessionSecret` does a checkout's: shape, key,
 * signature, at most 60 minutes of life. A checkout's secret is `malformed` here, and a
 * customer's is `malformed` there. Never throws.
 */
export function verifyCustomerSessionSecret(
  secret: unknown,
  options: VerifySessionSecretOptions,
): Promise<VerifyCustomerSessionSecretResult> {
  return verifySignedSecret(secret, CUSTOMER_SESSION_SECRET_PREFIX, readClaims, options);
}
