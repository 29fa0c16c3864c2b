import { useI18n } from '../i18n/I18nContext.ts';
import { ACCOUNT_MESSAGES, type AccountMessages } from './accountMessages.ts';

/** The account page's words in the page's language. */
export function useAccountMessages(): AccountMessages {
  return ACCOUNT_MESSAGES[useI18n().lang];
}
