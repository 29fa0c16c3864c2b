'use client';

import {
  type CreateBalanceOptions,
  createBalance,
  type LavaBalance,
  type LavaBalanceState,
  LOADING_BALANCE,
} from '@lava-checkout/js';
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';

export interface UseLavaBalanceOptions extends CreateBalanceOptions {}

export interface UseLavaBalanceResult extends LavaBalanceState {}

const NO_BALANCE = { subscribe: () => () => {}, getState: () => LOADING_BALANCE };
/** A `null` token: nobody is signed in, so there is no balance and nothing to wait for. */
const NO_CUSTOMER_STATE: LavaBalanceState = { ...LOADING_BALANCE, loading: false };
const NO_CUSTOMER = { subscribe: NO_BALANCE.subscribe, getState: () => NO_CUSTOMER_STATE };

/**
 * A customer's live balance in React, for the `customer_session_token` your server minted with
 * `createCustomerSession()`: `{ credits: { total, cycle, bundle }, plan, cycle_end_at,
 * pending_change, status }`, plus `loading` and `error`, updated within a second of each
 * change. Every component using one token shares one stream. Loading during server rendering
 * and while the token is `undefined` (on its way from your server); a `null` token (nobody signed
 * in) gives no balance, `loading: false`, and opens no stream. Options are read when a token's
 * stream opens.
 *
 * @example
 * const { credits, loading } = useLavaBalance(token, { checkoutOrigin: 'https://checkout.example.com' });
 * return <span>{loading ? '…' : credits?.total}</span>;
 */
export function useLavaBalance(
  token: string | null | undefined,
  options: UseLavaBalanceOptions = {},
): UseLavaBalanceResult {
  const [balance, setBalance] = useState<LavaBalance | null>(null);
  const latest = useRef(options);
  latest.current = options;
  // A new token (a new session) starts over; options are read then, as the stream opens.
  useEffect(() => {
    if (!token) return;
    const created = createBalance(token, latest.current);
    setBalance(created);
    return () => {
      created.destroy();
      setBalance(null);
    };
  }, [token]);
  const source = token === null ? NO_CUSTOMER : (balance ?? NO_BALANCE);
  return useSyncExternalStore(source.subscribe, source.getState, source.getState);
}
