'use client';

import {
  type CheckoutOptions,
  type CheckoutResult,
  type CheckoutStatus,
  type CheckoutStep,
  createCheckout,
} from '@lava-checkout/js';
import { useEffect, useRef, useState } from 'react';
import { useCheckoutState } from './useCheckoutState.ts';

/**
 * The checkout's callbacks and options. The latest ones passed are the ones used: callbacks
 * when they fire, `appearance` and `locale` when a frame is made. Set `checkoutOrigin`: without
 * it every token is refused. Without `onError`, errors are logged with `console.error`.
 */
export interface UseLavaCheckoutOptions extends CheckoutOptions {}

export interface UseLavaCheckoutResult {
  /**
   * Opens the checkout overlay for a `checkout_session_token` from your server. Resolves
   * with how it ended (never rejects), after the matching callback ran. While a checkout is
   * open, a second call warns and returns the open checkout's promise.
   */
  open: (checkoutSessionToken: string) => Promise<CheckoutResult>;
  /** Asks the checkout to close; a checkout in progress ends as `cancel`. */
  close: () => void;
  /**
   * Loads the overlay and a hidden checkout frame for this token ahead of time, so `open()`
   * with the same token shows a ready checkout at once. Resolves `true` once it is ready.
   */
  preload: (checkoutSessionToken: string) => Promise<boolean>;
  /** Whether the overlay is showing. */
  isOpen: boolean;
  /** `closed`, `loading`, `ready`, `success` (the success screen shows) or `failed`. */
  status: CheckoutStatus;
  /** The customer's step while `ready`, else `null`. */
  step: CheckoutStep | null;
}

const logError: NonNullable<UseLavaCheckoutOptions['onError']> = ({ error }) =>
  console.error(error.message);

/**
 * Opens Lava Checkout from React. The overlay (a native modal dialog around the hosted page)
 * is added to `document.body` by `@lava-checkout/js`; its code loads on the first `open()` or
 * `preload()`. Safe to render on the server.
 *
 * @example
 * const { open } = useLavaCheckout({
 *   checkoutOrigin: 'https://checkout.example.com',
 *   onSuccess: ({ customerId }) => saveCustomer(customerId),
 * });
 * <button onClick={async () => open((await mintSession()).token)}>Subscribe</button>
 */
export function useLavaCheckout(options: UseLavaCheckoutOptions = {}): UseLavaCheckoutResult {
  const latest = useRef(options);
  useEffect(() => {
    latest.current = options;
  });
  // Every option is read from the latest render when the controller needs it. A page without
  // onError still tells its developer why a checkout did not open (no checkoutOrigin, say).
  const [checkout] = useState(() =>
    createCheckout(
      new Proxy({} as UseLavaCheckoutOptions, {
        get: (_, key) =>
          latest.current[key as keyof UseLavaCheckoutOptions] ??
          (key === 'onError' ? logError : undefined),
      }),
    ),
  );
  // Unmounting ends the checkout and takes its frames off the page. The controller stays
  // usable, so StrictMode's second mount works on the same one.
  useEffect(() => () => checkout.destroy(), [checkout]);

  const state = useCheckoutState(checkout);
  return {
    open: checkout.open,
    close: checkout.close,
    preload: checkout.preload,
    isOpen: state.status !== 'closed',
    status: state.status,
    step: state.status === 'ready' ? state.step : null,
  };
}
