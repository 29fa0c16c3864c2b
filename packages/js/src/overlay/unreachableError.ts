import type { CheckoutError } from '../types.ts';

/** Why a checkout page that never answered the handshake may be silent, and what to check. */
export function unreachableError(origin: string, timeoutMs: number): CheckoutError {
  return {
    code: 'frame_unreachable',
    message: `Lava Checkout: the checkout page at ${origin} did not answer within ${timeoutMs / 1000} s. Check that the checkout service is running, that your Content-Security-Policy allows frame-src ${origin}, and that the session's origin_url is ${location.origin}.`,
  };
}
