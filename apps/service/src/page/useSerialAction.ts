import { useCallback, useRef, useState } from 'react';
import { CheckoutApiError } from './createCheckoutApi.ts';

/**
 * Runs one request at a time for a form or screen: ignores presses while one is in flight,
 * keeps its error to show, and hands an error that `endingOf` names as the end of the session
 * to `onEnded` instead. `endingOf` must be stable (a module-level function).
 */
export function useSerialAction<Ending>(
  endingOf: (code: string) => Ending | undefined,
  onEnded: (ending: Ending) => void,
) {
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
        const ending = endingOf(error.code);
        if (ending !== undefined) onEnded(ending);
        else setError(error);
      } finally {
        inFlight.current = false;
        setBusy(false);
      }
    },
    [endingOf, onEnded],
  );
  return { busy, error, setError, run };
}
