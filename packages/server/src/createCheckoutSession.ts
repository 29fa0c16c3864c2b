import {
  type CheckoutSessionParams,
  type MintedCheckoutSession,
  mintCheckoutSession,
  readCheckoutSessionParams,
} from '@lava-checkout/protocol';
import { invalidArgument, readSigningOptions, type SigningOptions } from './readSigningOptions.ts';

/** What to sell in the checkout. The field names are the Lava REST API's. */
export type CreateCheckoutSessionParams = CheckoutSessionParams;

export type CreateCheckoutSessionOptions = SigningOptions;

/** A minted session. Return `checkout_session_token` to your frontend; keep the rest. */
export type CheckoutSession = MintedCheckoutSession;

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
  params: CreateCheckoutSessionParams,
  options: CreateCheckoutSessionOptions,
): Promise<CheckoutSession> {
  if (typeof params !== 'object' || params === null) {
    invalidArgument(
      FN,
      'params',
      'it is not an object',
      'Pass { checkout_mode, origin_url, plan_id }',
    );
  }
  const signing = await readSigningOptions(FN, options);
  const checked = readCheckoutSessionParams(params);
  if (!checked.ok) return invalidArgument(FN, checked.param, checked.reason, checked.fix);
  const { session } = await mintCheckoutSession(checked.params, signing);
  return session;
}
