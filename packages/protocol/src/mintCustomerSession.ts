import type { CustomerSessionClaims } from './CustomerSessionClaims.ts';
import { SESSION_LIFETIME_SECONDS } from './constants.ts';
import type { SessionKey } from './deriveSessionKey.ts';
import { encodeCheckoutToken } from './encodeCheckoutToken.ts';
import type { CheckedCustomerSessionParams } from './readCustomerSessionParams.ts';
import { signSecret } from './signSecret.ts';

/** Customer session secrets start with this, followed by the environment: `lcs_test_`. */
export const CUSTOMER_SESSION_SECRET_PREFIX = 'lcs_';

/** A minted customer session. Return `customer_session_token` to your frontend. */
export interface MintedCustomerSession {
  /**
   * Standard base64 of `{"secret", "base"}`, as a checkout token is: the browser reads the
   * service's `base` from it and passes the rest on unread.
   */
  customer_session_token: string;
  customer_id: string;
  origin_url: string;
  created_at: string;
  expires_at: string;
}

/**
 * Mints a 60-minute customer session: a signed secret that lets pages of one origin read one
 * customer's account, in a token that carries it and the service's `base` to the browser.
 * No network and no storage: the server helper and the REST API both mint with it.
 */
export async function mintCustomerSession(
  params: CheckedCustomerSessionParams,
  options: {
    signingKey: SessionKey;
    environment: 'test' | 'live';
    /** The checkout service's base URL, already checked, ending in `/`. */
    base: string;
    /** Milliseconds. */
    now: number;
  },
): Promise<{ session: MintedCustomerSession; claims: CustomerSessionClaims }> {
  const iat = Math.floor(options.now / 1000);
  const claims: CustomerSessionClaims = {
    typ: 'customer',
    sub: params.customerId,
    origin: params.origin,
    iat,
    exp: iat + SESSION_LIFETIME_SECONDS,
  };
  const secret = await signSecret(
    CUSTOMER_SESSION_SECRET_PREFIX,
    claims,
    options.signingKey,
    options.environment,
  );
  return {
    session: {
      customer_session_token: encodeCheckoutToken({ secret, base: options.base }),
      customer_id: claims.sub,
      origin_url: claims.origin,
      created_at: new Date(iat * 1000).toISOString(),
      expires_at: new Date(claims.exp * 1000).toISOString(),
    },
    claims,
  };
}
