import { SESSION_LIFETIME_SECONDS } from './constants.ts';
import { createUlid } from './createUlid.ts';
import type { SessionKey } from './deriveSessionKey.ts';
import type { Environment } from './Environment.ts';
import { encodeCheckoutToken } from './encodeCheckoutToken.ts';
import { ID_PREFIXES } from './ID_PREFIXES.ts';
import type { CheckedCheckoutSessionParams } from './readCheckoutSessionParams.ts';
import type { CheckoutMode, SessionClaims } from './SessionClaims.ts';
import { signSessionSecret } from './signSessionSecret.ts';

/** A minted session. Return `checkout_session_token` to your frontend; keep the rest. */
export interface MintedCheckoutSession {
  checkout_session_id: string;
  checkout_session_token: string;
  checkout_mode: CheckoutMode;
  origin_url: string;
  plan_id?: string;
  customer_id?: string;
  credit_bundle_id?: string;
  created_at: string;
  expires_at: string;
}

/**
 * Mints a 60-minute checkout session: its id, its signed secret and the token that carries
 * the secret and the checkout `base` to the browser. No network and no storage: the server
 * helper and the REST API both mint with it.
 */
export async function mintCheckoutSession(
  params: CheckedCheckoutSessionParams,
  options: {
    signingKey: SessionKey;
    environment: Environment;
    /** The checkout service's base URL, already checked, ending in `/`. */
    base: string;
    /** Milliseconds. */
    now: number;
  },
): Promise<{ session: MintedCheckoutSession; claims: SessionClaims }> {
  const iat = Math.floor(options.now / 1000);
  const claims: SessionClaims = {
    sid: `${ID_PREFIXES.checkoutSession}_${options.environment}_${createUlid(options.now)}`,
    mode: params.mode,
    origin: params.origin,
    iat,
    exp: iat + SESSION_LIFETIME_SECONDS,
  };
  if (params.planId !== undefined) claims.plan = params.planId;
  if (params.customerId !== undefined) claims.customer = params.customerId;
  if (params.creditBundleId !== undefined) claims.bundle = params.creditBundleId;
  const secret = await signSessionSecret(claims, options.signingKey, options.environment);
  const session: MintedCheckoutSession = {
    checkout_session_id: claims.sid,
    checkout_session_token: encodeCheckoutToken({ secret, base: options.base }),
    checkout_mode: claims.mode,
    origin_url: claims.origin,
    created_at: new Date(iat * 1000).toISOString(),
    expires_at: new Date(claims.exp * 1000).toISOString(),
  };
  if (params.planId !== undefined) session.plan_id = params.planId;
  if (params.customerId !== undefined) session.customer_id = params.customerId;
  if (params.creditBundleId !== undefined) session.credit_bundle_id = params.creditBundleId;
  return { session, claims };
}
