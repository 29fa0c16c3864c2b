import {
  type CustomerSessionParams,
  type MintedCustomerSession,
  mintCustomerSession,
  readCustomerSessionParams,
} from '@lava-checkout/protocol';
import type { SigningOptions } from './readSigningOptions.ts';
import { signSession } from './signSession.ts';

/**
 * Mints a 60-minute customer session locally: no network call. Its token lets pages of
 * `origin_url` read that one customer's balance and account from the checkout service, and
 * nothing else: it opens no checkout, and no other customer's account. Mint one for the
 * signed-in customer on each page load; never for a customer id the browser sent you.
 *
 * @example
 * const session = await createCustomerSession(
 *   { customer_id: user.lavaCustomerId, origin_url: 'https://yourapp.com' },
 *   { checkoutUrl: 'https://checkout.example.com/' },
 * );
 * res.json({ token: session.customer_session_token });
 */
export async function createCustomerSession(
  params: CustomerSessionParams,
  options: SigningOptions,
): Promise<MintedCustomerSession> {
  return signSession(
    'createCustomerSession',
    params,
    options,
    readCustomerSessionParams,
    mintCustomerSession,
  );
}
