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
  /** A country's name, e.g. `Canada`, `Canadá` for `CA`; the code itself if unknown. */
  region(code: string): string;
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

/** Made once per locale: Intl's formatters are slow to make, and the server renders each page. */
const made = new Map<string, I18n>();
/** Locales come from the customer's browser: a few dozen are kept, not every one ever asked for. */
const MADE_AT_MOST = 32;

/** The page's words and formats for a locale (see `pickLocale`). */
export function createI18n(locale: string): I18n {
  let i18n = made.get(locale);
  if (!i18n) {
    if (made.size >= MADE_AT_MOST) made.clear();
    i18n = makeI18n(locale);
    made.set(locale, i18n);
  }
  return i18n;
}

/** A formatter made on its first use. */
const once = <T>(make: () => T) => {
  let value: T | undefined;
  return () => {
    value ??= make();
    return value;
  };
};

function makeI18n(locale: string): I18n {
  const lang = languageOf(locale) ?? 'en';
  const dates = once(() => new Intl.DateTimeFormat(locale, { dateStyle: 'long' }));
  const numbers = once(() => new Intl.NumberFormat(locale));
  const relative = once(() => new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }));
  const regions = once(() => {
    try {
      return new Intl.DisplayNames([locale], { type: 'region' });
    } catch {
      return null;
    }
  });
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
    date: (iso) => dates().format(new Date(iso)),
    number: (value) => numbers().format(exact(value)),
    region: (code) => regions()?.of(code) ?? code,
    wait(seconds) {
      if (seconds < 90) return relative().format(Math.max(1, Math.ceil(seconds)), 'second');
      if (seconds < 90 * 60) return relative().format(Math.ceil(seconds / 60), 'minute');
      return relative().format(Math.ceil(seconds / 3600), 'hour');
    },
  };
}
