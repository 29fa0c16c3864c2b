/**
 * Credit in US dollars (a decimal string, as the service sends it) as money for people:
 * `'25.5'` becomes `$25.50` in English. Amounts below a cent show as `<$0.01`, not `$0.00`.
 * @param locale A BCP 47 tag. @default the browser's language
 */
export function formatCredits(amount: string, locale?: string): string {
  const value = Number(amount);
  const format = (n: number) =>
    new Intl.NumberFormat(locale, { style: 'currency', currency: 'USD' }).format(n);
  return value > 0 && value < 0.01 ? `<${format(0.01)}` : format(value);
}
