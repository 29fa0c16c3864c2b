/** What a merchant shows its customers on the checkout. */
export interface Brand {
  /** The display name, in the header and on the buttons back to the merchant. */
  name: string;
  /** A square image, shown 28 pixels high beside the name. */
  logo_url: string | null;
  /** Where a customer who needs help writes. */
  support_email: string | null;
  terms_url: string | null;
  privacy_url: string | null;
}

/** A change to the brand: the fields given are set, `null` clears one. */
export type BrandChange = Partial<Brand>;

export type CheckBrandResult =
  | { ok: true; change: BrandChange }
  /** `param` names the field at fault; `message` says what is wrong and how to fix it. */
  | { ok: false; param: keyof Brand | 'body'; message: string };

export const BRAND_NAME_MAX = 80;
export const BRAND_URL_MAX = 2048;
export const BRAND_EMAIL_MAX = 254;

const URL_FIELDS = ['logo_url', 'terms_url', 'privacy_url'] as const;
/** One address, no display name: `support@acme.ai`. */
const EMAIL = /^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:]+$/;

const refuse = (param: keyof Brand | 'body', message: string): CheckBrandResult => ({
  ok: false,
  param,
  message: `Lava Checkout: ${param} is invalid: ${message}.`,
});

/**
 * Checks a change to a merchant's brand, the same way for the REST API and the keys command:
 * a name of 1 to 80 characters, an email address, and links that are absolute `https:` URLs
 * (`http:` too for a test merchant, whose pages may be on a development machine). Never throws.
 */
export function checkBrand(input: unknown, environment: 'test' | 'live'): CheckBrandResult {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return refuse(
      'body',
      'it is not an object. Send { name, logo_url, support_email, terms_url, privacy_url }',
    );
  }
  const given = input as Record<string, unknown>;
  const known = new Set<string>(['name', 'support_email', ...URL_FIELDS]);
  for (const key of Object.keys(given)) {
    if (!known.has(key)) {
      return refuse(
        'body',
        `${key} is not a brand field. Send name, logo_url, support_email, terms_url or privacy_url`,
      );
    }
  }
  const change: BrandChange = {};
  if (given.name !== undefined) {
    const name = typeof given.name === 'string' ? given.name.trim() : '';
    if (name.length === 0 || name.length > BRAND_NAME_MAX || /[\p{Cc}]/u.test(name)) {
      return refuse('name', `it must be text of 1 to ${BRAND_NAME_MAX} characters, on one line`);
    }
    change.name = name;
  }
  if (given.support_email !== undefined) {
    const email = given.support_email;
    if (
      email !== null &&
      (typeof email !== 'string' || email.length > BRAND_EMAIL_MAX || !EMAIL.test(email))
    ) {
      return refuse(
        'support_email',
        'it must be one email address, such as support@yourapp.com, or null',
      );
    }
    change.support_email = email;
  }
  for (const field of URL_FIELDS) {
    const value = given[field];
    if (value === undefined) continue;
    if (value === null) {
      change[field] = null;
      continue;
    }
    const checked = checkUrl(value, environment);
    if (!checked.ok) return refuse(field, checked.reason);
    change[field] = checked.url;
  }
  return { ok: true, change };
}

function checkUrl(
  value: unknown,
  environment: 'test' | 'live',
): { ok: true; url: string } | { ok: false; reason: string } {
  const https =
    environment === 'live'
      ? 'it must be an https: URL (a live checkout loads nothing over plain http)'
      : 'it must be an https: URL (or http:, for a test merchant)';
  if (typeof value !== 'string' || value.length === 0) {
    return { ok: false, reason: `${https}, or null` };
  }
  if (value.length > BRAND_URL_MAX) {
    return { ok: false, reason: `it is longer than ${BRAND_URL_MAX} characters` };
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { ok: false, reason: 'it is not an absolute URL, such as https://yourapp.com/terms' };
  }
  const allowed = environment === 'live' ? ['https:'] : ['https:', 'http:'];
  if (!allowed.includes(url.protocol)) return { ok: false, reason: https };
  if (url.username || url.password) {
    return { ok: false, reason: 'it must not carry a user name or password' };
  }
  return { ok: true, url: url.href };
}
