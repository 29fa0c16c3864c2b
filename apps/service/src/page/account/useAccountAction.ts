import { useSerialAction } from '../useSerialAction.ts';

/** Why the account page cannot be used any more. */
export type AccountEnding = 'expired' | 'invalid';

const ENDINGS: Readonly<Record<string, AccountEnding>> = {
  customer_session_expired: 'expired',
  customer_session_invalid: 'invalid',
};

const accountEnding = (code: string): AccountEnding | undefined => ENDINGS[code];

/**
 * Runs one request at a time for a screen: ignores presses while one is in flight, keeps its
 * error for the screen to show, and hands a session that ended to `onEnded`.
 */
export function useAccountAction(onEnded: (ending: AccountEnding) => void) {
  return useSerialAction(accountEnding, onEnded);
}
