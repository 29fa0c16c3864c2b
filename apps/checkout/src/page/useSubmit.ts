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

/**
 * Runs one request at a time for a form: ignores submits while one is in flight, keeps its
 * error message for the form, and hands session-ending errors to `onSessionEnd`.
 */
export function useSubmit(onSessionEnd: (code: SessionEndingCode) => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
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
        const code = caught instanceof CheckoutApiError ? caught.code : 'unknown_error';
        if ((SESSION_ENDING_CODES as readonly string[]).includes(code)) {
          onSessionEnd(code as SessionEndingCode);
        } else {
          setError(
            caught instanceof CheckoutApiError
              ? caught.message
              : 'Something went wrong. Try again.',
          );
        }
      } finally {
        inFlight.current = false;
        setBusy(false);
      }
    },
    [onSessionEnd],
  );
  return { busy, error, run };
}
