import { en, type Messages } from './en.ts';
import { es } from './es.ts';

/** The languages the page speaks. */
export type Language = 'en' | 'es';

/** One catalog per language. */
export const CATALOGS: Readonly<Record<Language, Messages>> = { en, es };

/** The page's words and formats in one language. */
export interface I18n {
  lang: Language;
  /** The BCP 47 locale amounts and dates are formatted for, e.g. `es-MX`. */
  locale: string;
  t: Messages;
  /** `"49.00"` as US dollars: `$49.00`, `49,00 US$`. Money stays a decimal string. */
  money(amount: string): string;
  /** An ISO-8601 time as a long date: `December 22, 2026`, `22 de diciembre de 2026`. */
  date(iso: string): string;
  /** A decimal string as a number: `10,000`, `10.000`. */
  number(value: string): string;
  /** Seconds from now as a relative time: `in 30 seconds`, `dentro de 2 minutos`. */
  wait(seconds: number): string;
}

const languageOf = (locale: string): Language | null => {
  const lang = locale.toLowerCase().split('-')[0];
  return lang === 'en' || lang === 'es' ? lang : null;
};

/**
 * The locale to speak: the SDK's `locale` option when the page speaks its language, else the
 * first of the browser's languages it speaks, else English.
 */
export function pickLocale(requested: string | null, browser: readonly string[]): string {
  for (const locale of [requested, ...browser]) {
    if (locale && languageOf(locale)) {
      try {
        return Intl.getCanonicalLocales(locale)[0] ?? locale;
      } catch {}
    }
  }
  return 'en';
}

const decimalsOf = (amount: string) => amount.split('.')[1]?.length ?? 0;

/**
 * `Intl.NumberFormat#format` reads a decimal string exactly (no float on the way) in the browsers
 * the page supports; TypeScript's ES2022 library only knows numbers.
 */
const exact = (amount: string) => amount as unknown as number;

/** The page's words and formats for a locale (see `pickLocale`). */
export function createI18n(locale: string): I18n {
  const lang = languageOf(locale) ?? 'en';
  const dates = new Intl.DateTimeFormat(locale, { dateStyle: 'long' });
  const numbers = new Intl.NumberFormat(locale);
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const money = new Map<number, Intl.NumberFormat>();
  return {
    lang,
    locale,
    t: CATALOGS[lang],
    money(amount) {
      // Cents always; more places only for a rate that has them ($0.005 per request).
      const places = Math.min(Math.max(2, decimalsOf(amount)), 10);
      let format = money.get(places);
      if (!format) {
        format = new Intl.NumberFormat(locale, {
          style: 'currency',
          currency: 'USD',
          minimumFractionDigits: 2,
          maximumFractionDigits: places,
        });
        money.set(places, format);
      }
      return format.format(exact(amount));
    },
    date: (iso) => dates.format(new Date(iso)),
    number: (value) => numbers.format(exact(value)),
    wait(seconds) {
      if (seconds < 90) return relative.format(Math.max(1, Math.ceil(seconds)), 'second');
      if (seconds < 90 * 60) return relative.format(Math.ceil(seconds / 60), 'minute');
      return relative.format(Math.ceil(seconds / 3600), 'hour');
    },
  };
}
