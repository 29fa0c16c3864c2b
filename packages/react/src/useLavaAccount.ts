'use client';

import { type AccountResult, type OpenAccountOptions, openAccount } from '@lava-checkout/js';
import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * The account overlay's options. The latest ones passed are the ones used. Set
 * `checkoutOrigin`: without it every token is refused. Without `onError`, errors are logged
 * with `console.error`.
 */
export interface UseLavaAccountOptions extends OpenAccountOptions {}

export interface UseLavaAccountResult {
  /**
   * Opens the customer's hosted account in the overlay for a `customer_session_token` from your
   * server. Resolves once it is closed (never rejects).
   */
  openAccount: (customerSessionToken: string) => Promise<AccountResult>;
  /** Whether the account overlay is showing. */
  isOpen: boolean;
}

const logError: NonNullable<UseLavaAccountOptions['onError']> = (error) =>
  console.error(error.message);

/**
 * Opens the customer's hosted account page (plan, credits, usage, bundles, auto top-up, plan
 * changes, card, receipts) from React, in the checkout's overlay. Safe to render on the server.
 *
 * @example
 * const { openAccount } = useLavaAccount({ checkoutOrigin: 'https://checkout.example.com' });
 * <button onClick={async () => openAccount(await mintCustomerSession())}>Your account</button>
 */
export function useLavaAccount(options: UseLavaAccountOptions = {}): UseLavaAccountResult {
  const latest = useRef(options);
  useEffect(() => {
    latest.current = options;
  });
  const [isOpen, setOpen] = useState(false);
  const open = useCallback(async (token: string) => {
    setOpen(true);
    try {
      return await openAccount(token, {
        ...latest.current,
        onClose: () => latest.current.onClose?.(),
        onError: (error) => (latest.current.onError ?? logError)(error),
      });
    } finally {
      setOpen(false);
    }
  }, []);
  return { openAccount: open, isOpen };
}
