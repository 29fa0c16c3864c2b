import { createContext, useContext } from 'react';
import { createI18n, type I18n } from './createI18n.ts';

/** The page's language; English unless a provider says otherwise. */
export const I18nContext = createContext<I18n>(createI18n('en'));

/** The words and formats of the page's language. */
export function useI18n(): I18n {
  return useContext(I18nContext);
}
