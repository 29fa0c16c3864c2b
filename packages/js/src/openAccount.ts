import { decodeCheckoutToken } from '@lava-checkout/protocol/token';
import { createCheckout } from './createCheckout.ts';
import type { CheckoutError, CheckoutOptions } from './types.ts';

/** How the account overlay ended. Its promise resolves with this and never rejects. */
export type AccountResult =
  /** The customer closed it. */
  { status: 'closed' } | { status: 'error'; error: CheckoutError };

/** Options of `openAccount`: the checkout's overlay options, and two callbacks. */
export interface OpenAccountOptions
  extends Pick<
    CheckoutOptions,
    'appearance' | 'locale' | 'checkoutOrigin' | 'checkoutOrigins' | 'handshakeTimeoutMs'
  > {
  /** The customer closed the account. */
  onClose?: (() => void) | undefined;
  /** The account cannot be shown: a bad or expired token, an unreachable page. */
  onError?: ((error: CheckoutError) => void) | undefined;
}

const notAnAccountToken = (): CheckoutError => ({
  code: 'invalid_token',
  message:
    'Lava Checkout: openAccount() takes a customer_session_token, minted on your server with createCustomerSession() or POST /v1/customer_sessions; this token is not one (a checkout_session_token opens with open()).',
});

/**
 * Opens the customer's hosted account page (plan, credits, usage, bundles, auto top-up, plan
 * changes, card, receipts) in the same overlay as the checkout, for a `customer_session_token`
 * your server minted for the signed-in customer. Resolves once it is closed (never rejects).
 *
 * @example
 * const { customer_session_token } = await (await fetch('/api/customer-session')).json();
 * await openAccount(customer_session_token, { checkoutOrigin: 'https://checkout.example.com' });
 */
export async function openAccount(
  token: string,
  options: OpenAccountOptions = {},
): Promise<AccountResult> {
  const decoded = decodeCheckoutToken(token);
  const error = !decoded.ok
    ? { code: 'invalid_token' as const, message: decoded.message }
    : decoded.token.secret.startsWith('lcs_')
      ? null
      : notAnAccountToken();
  if (error) {
    options.onError?.(error);
    return { status: 'error', error };
  }
  const { onClose, onError, ...overlay } = options;
  // The checkout's overlay and handshake: the account page speaks the same protocol, without a
  // checkout session, and only ever ends by closing (or an error it explains).
  const result = await createCheckout({
    ...overlay,
    onCancel: () => onClose?.(),
    onError: ({ error }) => onError?.(error),
  }).open(token);
  return result.status === 'error'
    ? { status: 'error', error: result.error }
    : { status: 'closed' };
}
