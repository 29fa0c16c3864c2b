'use client';

import { type CheckoutCallbacks, type CheckoutResult, createCheckout } from '@lava-checkout/js';
import { createElement, useCallback, useEffect, useRef, useState } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { LavaCheckoutOverlay } from './LavaCheckoutOverlay.tsx';
import { useCheckoutState } from './useCheckoutState.ts';

/** Callbacks for the checkout; the latest ones passed are always the ones called. */
export interface UseLavaCheckoutOptions extends CheckoutCallbacks {}

export interface UseLavaCheckoutResult {
  /**
   * Opens the checkout overlay for a `checkout_session_token` from your server. Resolves
   * with how it ended (never rejects), after the matching callback ran.
   */
  open: (checkoutSessionToken: string) => Promise<CheckoutResult>;
  /** Closes the overlay; a checkout in progress ends as `cancel`. */
  close: () => void;
  /** Whether the overlay is showing. */
  isOpen: boolean;
}

/**
 * Opens Lava Checkout from React. The overlay is rendered for you, in a portal at the end of
 * `document.body`, the first time `open()` is called.
 *
 * @example
 * const { open } = useLavaCheckout({ onSuccess: ({ customerId }) => saveCustomer(customerId) });
 * <button onClick={async () => open((await mintSession()).token)}>Subscribe</button>
 */
export function useLavaCheckout(options: UseLavaCheckoutOptions = {}): UseLavaCheckoutResult {
  const latest = useRef(options);
  useEffect(() => {
    latest.current = options;
  });
  const [checkout] = useState(() =>
    createCheckout({
      onSuccess: (result) => latest.current.onSuccess?.(result),
      onCancel: (result) => latest.current.onCancel?.(result),
      onError: (result) => latest.current.onError?.(result),
    }),
  );
  const overlay = useRef<{ root: Root; container: HTMLElement } | null>(null);

  useEffect(
    () => () => {
      checkout.close();
      const mounted = overlay.current;
      overlay.current = null;
      if (mounted) {
        // Unmounting a root while React renders is not allowed; do it right after.
        queueMicrotask(() => {
          mounted.root.unmount();
          mounted.container.remove();
        });
      }
    },
    [checkout],
  );

  const open = useCallback(
    (token: string) => {
      if (!overlay.current) {
        const container = document.createElement('div');
        container.dataset.lavaCheckout = '';
        document.body.append(container);
        const root = createRoot(container);
        root.render(createElement(LavaCheckoutOverlay, { checkout }));
        overlay.current = { root, container };
      }
      return checkout.open(token);
    },
    [checkout],
  );

  return { open, close: checkout.close, isOpen: useCheckoutState(checkout).status !== 'closed' };
}
