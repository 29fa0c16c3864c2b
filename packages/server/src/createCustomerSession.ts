import {
  type CustomerSessionParams,
  type MintedCustomerSession,
  mintCustomerSession,
  readCustomerSessionParams,
} from '@lava-checkout/protocol';
import { invalidArgument, readSigningOptions, type SigningOptions } from './readSigningOptions.ts';

/** Whose account to open, and from which site. The field names are the Lava REST API's. */
export type CreateCustomerSessionParams = CustomerSessionParams;

export type CreateCustomerSessionOptions = SigningOptions;

/** A minted customer session. Return `customer_session_token` to your frontend. */
export type CustomerSession = MintedCustomerSession;

const FN = 'createCustomerSession';

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
  params: CreateCustomerSessionParams,
  options: CreateCustomerSessionOptions,
): Promise<CustomerSession> {
  const signing = await readSigningOptions(FN, options);
  const checked = readCustomerSessionParams(params);
  if (!checked.ok) return invalidArgument(FN, checked.param, checked.reason, checked.fix);
  const { session } = await mintCustomerSession(checked.params, signing);
  return session;
}
