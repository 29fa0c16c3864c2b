import { useEffect, useMemo } from 'react';
import type { FrameBridge } from '../createFrameBridge.ts';
import { useBridgeMode } from '../useBridgeMode.ts';
import { createI18n, pickLocale } from './createI18n.ts';

/**
 * A page's words in the customer's language: the SDK's `locale` option, else `languages`, else
 * the browser's. The SDK's hello, which names the locale, may come after the first render, so
 * the page renders again when it does; the document's `lang` follows. Returns the languages
 * the locale was picked from too, for what else the page formats by them.
 */
export function usePageI18n(bridge: FrameBridge, languages: readonly string[] | undefined) {
  useBridgeMode(bridge);
  const customerLanguages =
    languages ?? (typeof navigator === 'undefined' ? [] : navigator.languages);
  const locale = pickLocale(bridge.locale(), customerLanguages);
  const i18n = useMemo(() => createI18n(locale), [locale]);
  useEffect(() => {
    document.documentElement.lang = i18n.locale;
  }, [i18n.locale]);
  return { i18n, customerLanguages };
}
