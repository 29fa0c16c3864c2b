import { useCallback, useRef, useState } from 'react';
import { CheckoutApiError } from './createCheckoutApi.ts';

/** Session-ending API errors: the page leaves the flow and shows why. */
export const SESSION_ENDING_CODES = [
  'session_invalid',
  'session_expired',
  'session_completed',
  'session_idle',
] as const;
export type SessionEndingCode = (typeof SESSION_ENDING_CODES)[number];

const isSessionEnding = (code: string): code is SessionEndingCode =>
  (SESSION_ENDING_CODES as readonly string[]).includes(code);

/**
 * Runs one request at a time for a form: ignores submits while one is in flight, keeps its
 * error for the form to show, and hands session-ending errors to `onSessionEnd`.
 */
export function useSubmit(onSessionEnd: (code: SessionEndingCode) => void) {
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
        if (isSessionEnding(error.code)) onSessionEnd(error.code);
        else setError(error);
      } finally {
        inFlight.current = false;
        setBusy(false);
      }
    },
    [onSessionEnd],
  );
  return { busy, error, setError, run };
}
