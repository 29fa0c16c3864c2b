import { createCheckout } from '../createCheckout.ts';
import type { CheckoutOptions, CheckoutResult } from '../types.ts';

/** `window.LavaCheckout`: the script tag's API. */
export interface ScriptTagApi {
  /**
   * Opens the checkout for a `checkout_session_token`. `options` are this checkout's
   * callbacks and settings (as in `createCheckout()`). While one is open, a second call
   * warns and returns the open one's promise. A `customer_session_token` opens the customer's
   * account page in the same overlay instead (as `openAccount()` does); it ends as `cancel`
   * when the customer closes it.
   */
  open(token: string, options?: CheckoutOptions): Promise<CheckoutResult>;
  /** Loads the overlay and a hidden frame for this token, so `open(token)` shows it at once. */
  preload(token: string, options?: CheckoutOptions): Promise<boolean>;
  /** Asks the open checkout to close. */
  close(): void;
}

/**
 * One controller for the page, whose options are those of the latest `open()` or
 * `preload()`. Each of `defaults` applies when a call gives none.
 */
export function createScriptTagApi(
  defaults: Pick<CheckoutOptions, 'checkoutOrigin'>,
): ScriptTagApi {
  let current: CheckoutOptions = {};
  // Every option is read from the latest call when the controller needs it.
  const checkout = createCheckout(
    new Proxy({} as CheckoutOptions, {
      get: (_, key: keyof CheckoutOptions) =>
        current[key] ?? defaults[key as keyof typeof defaults],
    }),
  );
  const idle = () => ['closed', 'failed'].includes(checkout.getState().status);
  return {
    open(token, options = {}) {
      // A second open() while one is open keeps the open one's callbacks.
      if (idle()) current = options;
      return checkout.open(token);
    },
    preload(token, options = {}) {
      if (idle()) current = options;
      return checkout.preload(token);
    },
    close: checkout.close,
  };
}
