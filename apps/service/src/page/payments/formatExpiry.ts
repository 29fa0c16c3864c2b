/**
 * An expiry as typed, as `MM / YY`: the separator comes once the month is complete (a leading
 * `2`-`9` is a month on its own, `04`), and deleting it deletes the month's last digit.
 */
export function formatExpiry(next: string, previous: string): string {
  const deleting = next.length < previous.length;
  let digits = next.replace(/\D/g, '');
  if (deleting && digits === previous.replace(/\D/g, '')) digits = digits.slice(0, -1);
  if (/^[2-9]$/.test(digits)) digits = `0${digits}`;
  digits = digits.slice(0, 4);
  if (digits.length < 2) return digits;
  const month = digits.slice(0, 2);
  const year = digits.slice(2);
  return deleting && year === '' ? month : `${month} / ${year}`;
}
