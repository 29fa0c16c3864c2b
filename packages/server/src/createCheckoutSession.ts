import {
  type CheckoutSessionParams,
  type MintedCheckoutSession,
  mintCheckoutSession,
  readCheckoutSessionParams,
} from '@lava-checkout/protocol';
import { invalidArgument, type SigningOptions } from './readSigningOptions.ts';
import { signSession } from './signSession.ts';

const FN = 'createCheckoutSession';

/**
 * Mints a 60-minute, single-use checkout session locally: no network call. The session's
 * secret is signed with a key derived from your secret key, so the checkout service can
 * verify it, and nobody else can mint or alter one.
 *
 * @example
 * const session = await createCheckoutSession(
 *   { checkout_mode: 'subscription', origin_url: 'https://yourapp.com', plan_id: 'sc_...' },
 *   { checkoutUrl: 'https://checkout.example.com/' },
 * );
 * res.json({ token: session.checkout_session_token });
 */
export async function createCheckoutSession(
  params: CheckoutSessionParams,
  options: SigningOptions,
): Promise<MintedCheckoutSession> {
  if (typeof params !== 'object' || params === null) {
    invalidArgument(
      FN,
      'params',
      'it is not an object',
      'Pass { checkout_mode, origin_url, plan_id }',
    );
  }
  return signSession(FN, params, options, readCheckoutSessionParams, mintCheckoutSession);
}
