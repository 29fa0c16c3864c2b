import {
  AsYouType,
  type CountryCode,
  getCountryCallingCode,
  parsePhoneNumberFromString,
} from 'libphonenumber-js/core';
import { type ChangeEvent, type FormEvent, useState } from 'react';
import type { SendCodeResponse } from '../shared/checkoutContract.ts';
import type { PhoneInputConfig } from '../shared/PageBootstrap.ts';
import type { CheckoutApi } from './createCheckoutApi.ts';
import { describeError } from './describeError.ts';
import { ErrorMessage } from './ErrorMessage.tsx';
import { Field } from './Field.tsx';
import { useI18n } from './i18n/I18nContext.ts';
import { type SessionEndingCode, useSubmit } from './useSubmit.ts';

export interface PhoneStepProps {
  api: Pick<CheckoutApi, 'sendCode'>;
  /** A returning customer: the code goes to the phone on file, of which these are the last digits. */
  returning: { phoneLast4: string } | null;
  /** The countries codes may go to and their numbering plans; `null` for a returning customer. */
  phoneInput: PhoneInputConfig | null;
  /** The field's first value, as typed or in E.164 (a page rendered on the server). @default '' */
  initialPhone?: string | undefined;
  /**
   * The picker's first country.
   * @default the region of the first of `languages` that codes may be texted to, else the first country
   */
  initialCountry?: string | undefined;
  /** The customer's languages, whose regions pick the first country. @default navigator.languages */
  languages?: readonly string[] | undefined;
  /** The code was sent: the service's answer (the number as the customer should read it, and when another code may be asked for). */
  onCodeSent: (sent: SendCodeResponse) => void;
  onSessionEnd: (code: SessionEndingCode) => void;
}

/** The first of the languages' regions (`es-MX` is Mexico, `es` Spain) that is one of `countries`. */
function pickCountry(countries: readonly string[], languages: readonly string[]): string {
  for (const tag of languages) {
    try {
      const region = new Intl.Locale(tag).maximize().region;
      if (region && countries.includes(region)) return region;
    } catch {}
  }
  return countries[0] ?? 'US';
}

/**
 * Step 1: the customer's phone number, to text a code to. The country comes from the browser's
 * language (a picker changes it); the number is formatted as it is typed for that country, or
 * for the one a leading `+` names, and sent in E.164. A returning customer types nothing: the
 * code goes to the phone on file. Self-contained: a page rendered on the server can give it its
 * first value.
 */
export function PhoneStep({
  api,
  returning,
  phoneInput,
  initialPhone = '',
  initialCountry,
  languages = typeof navigator === 'undefined' ? [] : navigator.languages,
  onCodeSent,
  onSessionEnd,
}: PhoneStepProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const countries = phoneInput?.countries ?? [];
  const metadata = phoneInput?.metadata;
  const [country, setCountry] = useState(() =>
    initialCountry && countries.includes(initialCountry)
      ? initialCountry
      : pickCountry(countries, languages),
  );
  const [phone, setPhone] = useState(initialPhone);
  const [invalid, setInvalid] = useState<string | null>(null);
  const { busy, error, run } = useSubmit(onSessionEnd);

  const format = (text: string, forCountry: string) => {
    if (!metadata) return text;
    const international = text.trim().startsWith('+');
    const formatter = new AsYouType(
      international ? undefined : (forCountry as CountryCode),
      metadata,
    );
    const formatted = formatter.input(text);
    const detected = formatter.getCountry();
    if (international && detected && countries.includes(detected)) setCountry(detected);
    return formatted;
  };

  const onChange = (event: ChangeEvent<HTMLInputElement>) => {
    const next = event.target.value;
    setInvalid(null);
    // Formats only text added at the end: a deletion or an edit in the middle stays as typed,
    // so the caret never jumps and a deleted space is not put back.
    const atEnd =
      event.target.selectionStart === null || event.target.selectionStart === next.length;
    setPhone(atEnd && next.length > phone.length ? format(next, country) : next);
  };

  const onCountry = (event: ChangeEvent<HTMLSelectElement>) => {
    setCountry(event.target.value);
    setInvalid(null);
    if (!phone.trim().startsWith('+'))
      setPhone(format(phone.replace(/\D/g, ''), event.target.value));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (returning) {
      void run(async () => onCodeSent(await api.sendCode()));
      return;
    }
    const parsed = metadata
      ? parsePhoneNumberFromString(phone, { defaultCountry: country as CountryCode }, metadata)
      : undefined;
    if (!parsed?.isPossible()) {
      const foreign = phone.trim().startsWith('+') && phone.replace(/\D/g, '').length >= 6;
      setInvalid(foreign && !parsed ? t.errors.phone_country_not_allowed : t.phone.invalid);
      return;
    }
    if (!parsed.country || !countries.includes(parsed.country)) {
      setInvalid(t.errors.phone_country_not_allowed);
      return;
    }
    void run(async () => onCodeSent(await api.sendCode(parsed.number)));
  };

  const message = error ? describeError(i18n, error) : null;
  // Errors about the number go under it; a lost connection or a bug is for the whole form.
  const aboutNumber = error !== null && !['network_error', 'unknown_error'].includes(error.code);

  if (returning) {
    return (
      <form onSubmit={submit} aria-busy={busy} noValidate>
        <h2>{t.phone.returningTitle}</h2>
        <p>{t.phone.returningText(returning.phoneLast4)}</p>
        <ErrorMessage message={message} />
        <button type="submit" disabled={busy}>
          {t.phone.send}
        </button>
      </form>
    );
  }
  return (
    <form onSubmit={submit} aria-busy={busy} noValidate>
      <h2>{t.phone.title}</h2>
      <Field
        label={t.phone.label}
        name="phone"
        type="tel"
        inputMode="tel"
        autoComplete="tel"
        autoFocus
        hint={t.phone.hint}
        error={invalid ?? (aboutNumber ? message : null)}
        value={phone}
        onChange={onChange}
        disabled={busy}
        required
        before={
          countries.length > 1 && metadata ? (
            <select
              name="country"
              className="country"
              aria-label={t.phone.country}
              value={country}
              onChange={onCountry}
              disabled={busy}
            >
              {countries.map((code) => (
                <option key={code} value={code}>
                  {i18n.region(code)} (+{getCountryCallingCode(code as CountryCode, metadata)})
                </option>
              ))}
            </select>
          ) : null
        }
      />
      <ErrorMessage message={aboutNumber ? null : message} />
      <button type="submit" disabled={busy}>
        {t.phone.send}
      </button>
    </form>
  );
}
