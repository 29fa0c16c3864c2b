/**
 * A BCP 47 language tag in its canonical form (`en-US`, `pt-BR`), or `null` when the value is
 * not one. Never throws.
 */
export function validateLocale(value: unknown): string | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > 35) return null;
  try {
    return Intl.getCanonicalLocales(value)[0] ?? null;
  } catch {
    return null;
  }
}
