import { decodeCheckoutToken } from '@lava-checkout/protocol/token';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { type ConnectBalanceTimings, connectBalance } from './connectBalance.ts';
import { type LavaBalanceState, LOADING_BALANCE } from './LavaBalanceState.ts';

export interface CreateBalanceOptions extends ConnectBalanceTimings {
  /**
   * The origin of your checkout service, such as `'https://checkout.example.com'`: the balance
   * reads only tokens whose `base` has this origin (or one of `checkoutOrigins`). Without
   * either, every token is refused with `invalid_token`. The script tag sets it to the origin
   * it was served from.
   * @default undefined (no origin is trusted)
   */
  checkoutOrigin?: string | undefined;
  /** More checkout origins this page trusts. @default undefined */
  checkoutOrigins?: readonly string[] | undefined;
}

/** One consumer's handle on a customer's live balance. */
export interface LavaBalance {
  getState(): LavaBalanceState;
  /** Calls `listener` on each change; returns the unsubscribe. */
  subscribe(listener: (state: LavaBalanceState) => void): () => void;
  /** Ends this consumer's interest. The page's stream closes when no consumer is left. */
  destroy(): void;
}

interface Shared {
  store: StoreApi<LavaBalanceState>;
  consumers: number;
  /** A refused token's store is not shared: another consumer may pass other options. */
  live: boolean;
  stop: () => void;
}

// The page's streams, one per token, shared by every consumer of it (a badge, a hook, the
// script tag): a service bounds the streams of one customer.
const shared = new Map<string, Shared>();

/** How long a stream outlives its last consumer: a component remounting keeps it. */
const LINGER_MS = 1000;

function refused(message: string): Shared {
  const store = createStore<LavaBalanceState>(() => ({
    ...LOADING_BALANCE,
    loading: false,
    error: { code: 'invalid_token', message },
  }));
  return { store, consumers: 0, live: false, stop: () => {} };
}

function open(token: string, options: CreateBalanceOptions): Shared {
  const decoded = decodeCheckoutToken(token);
  if (!decoded.ok)
    return refused(
      `${decoded.message} Pass the customer_session_token from createCustomerSession()`,
    );
  const { base, secret } = decoded.token;
  const origin = new URL(base).origin;
  const trusted = [options.checkoutOrigin ?? [], options.checkoutOrigins ?? []].flat();
  if (!trusted.includes(origin)) {
    return refused(
      `Lava Checkout: the token is for ${origin}, which is not checkoutOrigin. Set checkoutOrigin to your checkout service's origin.`,
    );
  }
  if (!secret.startsWith('lcs_')) {
    return refused(
      'Lava Checkout: this is a checkout session token. Pass a customer_session_token from createCustomerSession().',
    );
  }
  const store = createStore<LavaBalanceState>(() => LOADING_BALANCE);
  const stop = connectBalance(
    base,
    secret,
    {
      // The parsed summary holds exactly the state's fields, which the service defines.
      summary: (summary) => store.setState({ loading: false, error: null, ...summary }),
      error: (error) => store.setState({ loading: false, error }),
    },
    options,
  );
  return { store, consumers: 0, live: true, stop };
}

/**
 * A customer's live balance, for the `customer_session_token` your server minted with
 * `createCustomerSession()`: credits (total, cycle, bundle), plan, renewal and pending change,
 * updated within a second of each change. Every consumer of one token on the page shares one
 * stream. Framework-free; the store is zustand's vanilla store.
 *
 * @example
 * const balance = createBalance(token, { checkoutOrigin: 'https://checkout.example.com' });
 * balance.subscribe(({ credits }) => render(credits?.total));
 */
export function createBalance(token: string, options: CreateBalanceOptions = {}): LavaBalance {
  let entry = shared.get(token);
  if (!entry) {
    entry = open(token, options);
    if (entry.live) shared.set(token, entry);
  }
  const held = entry;
  held.consumers += 1;
  const own = held.store;
  const listeners = new Set<() => void>();
  let destroyed = false;
  return {
    getState: own.getState,
    subscribe(listener) {
      const unsubscribe = own.subscribe((state) => listener(state));
      listeners.add(unsubscribe);
      return () => {
        listeners.delete(unsubscribe);
        unsubscribe();
      };
    },
    destroy() {
      if (destroyed) return;
      destroyed = true;
      for (const unsubscribe of listeners) unsubscribe();
      listeners.clear();
      held.consumers -= 1;
      if (!held.live) return;
      setTimeout(() => {
        if (held.consumers > 0 || shared.get(token) !== held) return;
        shared.delete(token);
        held.stop();
      }, LINGER_MS);
    },
  };
}
