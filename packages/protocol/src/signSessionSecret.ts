import type { SessionKey } from './deriveSessionKey.ts';
import type { Environment } from './Environment.ts';
import type { SessionClaims } from './SessionClaims.ts';
import { signSecret } from './signSecret.ts';

/** Session secrets start with this, followed by the environment: `css_test_` or `css_live_`. */
export const SESSION_SECRET_PREFIX = 'css_';

/**
 * Signs checkout session claims into an opaque, URL-safe secret:
 * `css_<env>_<base64url(JSON claims + kid)>.<base64url(HMAC-SHA256)>`.
 */
export function signSessionSecret(
  claims: SessionClaims,
  signingKey: SessionKey,
  environment: Environment,
): Promise<string> {
  return signSecret(SESSION_SECRET_PREFIX, claims, signingKey, environment);
}
