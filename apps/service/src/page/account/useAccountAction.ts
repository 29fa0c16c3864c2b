import { useI18n } from '../i18n/I18nContext.ts';
import { useSerialAction } from '../useSerialAction.ts';
import { describeAccountError } from './describeAccountError.ts';
import { useAccountMessages } from './useAccountMessages.ts';

/** Why the account page cannot be used any more. */
export type AccountEnding = 'expired' | 'invalid';

const ENDINGS: Readonly<Record<string, AccountEnding>> = {
  customer_session_expired: 'expired',
  customer_session_invalid: 'invalid',
};

const accountEnding = (code: string): AccountEnding | undefined => ENDINGS[code];

/**
 * Runs one request at a time for a screen: ignores presses while one is in flight, keeps its
 * error as the customer reads it (`message`, for the screen's `ErrorMessage`), and hands a
 * session that ended to `onEnded`.
 */
export function useAccountAction(onEnded: (ending: AccountEnding) => void) {
  const i18n = useI18n();
  const t = useAccountMessages();
  const { busy, error, run } = useSerialAction(accountEnding, onEnded);
  return { busy, run, message: error ? describeAccountError(i18n, t, error) : null };
}
