import type { Checkout, CheckoutState } from '@lava-checkout/js';
import { useSyncExternalStore } from 'react';

const CLOSED: CheckoutState = { status: 'closed' };

/** The controller's state (its zustand store), re-rendering on change; `closed` during server rendering. */
export function useCheckoutState(checkout: Checkout): CheckoutState {
  return useSyncExternalStore(checkout.subscribe, checkout.getState, () => CLOSED);
}
