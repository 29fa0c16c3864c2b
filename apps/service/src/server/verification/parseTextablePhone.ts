import { type PhoneNumber, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { ServiceError } from '../platform/ServiceError.ts';

/**
 * The phone a customer typed, when it is a valid number written with its country code and in
 * one of `countries` (ISO 3166 codes) the merchant's codes may be texted to; else the refusal
 * saying what to type, `outsideCountries` being its message for a country not texted.
 */
export function parseTextablePhone(
  typed: string | undefined,
  countries: readonly string[],
  outsideCountries: string,
): PhoneNumber {
  const parsed = typed?.trim().startsWith('+') ? parsePhoneNumberFromString(typed) : undefined;
  if (!parsed?.isValid()) {
    throw new ServiceError(
      'invalid_phone',
      'Enter a valid phone number with its country code, like +1 415 555 0100.',
      { param: 'phone' },
    );
  }
  if (!parsed.country || !countries.includes(parsed.country)) {
    throw new ServiceError('phone_country_not_allowed', outsideCountries, { param: 'phone' });
  }
  return parsed;
}
