import { useCallback, useRef, useState } from 'react';
import { CheckoutApiError } from '../createCheckoutApi.ts';

/** Why the account page cannot be used any more. */
export type AccountEnding = 'expired' | 'invalid';

const ENDINGS: Readonly<Record<string, AccountEnding>> = {
  customer_session_expired: 'expired',
  customer_session_invalid: 'invalid',
};

/**
 * Runs one request at a time for a screen: ignores presses while one is in flight, keeps its
 * error for the screen to show, and hands a session that ended to `onEnded`.
 */
export function useAccountAction(onEnded: (ending: AccountEnding) => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<CheckoutApiError | null>(null);
  const inFlight = useRef(false);
  const run = useCallback(
    async (action: () => Promise<void>) => {
      if (inFlight.current) return;
      inFlight.current = true;
      setBusy(true);
      setError(null);
      try {
        await action();
      } catch (caught) {
        const error =
          caught instanceof CheckoutApiError
            ? caught
            : new CheckoutApiError(0, 'unknown_error', String(caught));
        const ending = ENDINGS[error.code];
        if (ending) onEnded(ending);
        else setError(error);
      } finally {
        inFlight.current = false;
        setBusy(false);
      }
    },
    [onEnded],
  );
  return { busy, error, setError, run };
}
