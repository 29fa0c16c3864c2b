import type { Tables } from '../platform/db/Database.ts';

/** The countries a merchant's codes may be texted to: its own list, else the service's. */
export function smsCountriesOf(
  merchant: Pick<Tables['merchants'], 'sms_countries'>,
  serviceDefault: readonly string[],
): readonly string[] {
  if (merchant.sms_countries === null) return serviceDefault;
  try {
    const list: unknown = JSON.parse(merchant.sms_countries);
    if (Array.isArray(list) && list.every((c) => typeof c === 'string')) return list;
  } catch {}
  // A list we cannot read allows nothing, rather than everything.
  return [];
}
