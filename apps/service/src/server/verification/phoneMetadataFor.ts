import type { MetadataJson } from 'libphonenumber-js/core';
import metadata from 'libphonenumber-js/metadata.min.json';

const reduced = new Map<string, MetadataJson>();

/**
 * `libphonenumber-js`'s smallest metadata, cut down to the countries a checkout may text, for
 * the page to format and check numbers as they are typed: about 1.4 KB gzipped for the US and
 * Canada, where every country's is 19 KB. A country sharing a calling code with others keeps
 * the code's main country too (the US for +1), whose formats it borrows. Kept per list.
 */
export function phoneMetadataFor(countries: readonly string[]): MetadataJson {
  const key = [...countries].sort().join(',');
  const known = reduced.get(key);
  if (known) return known;
  const wanted = new Set(countries.filter((country) => country in metadata.countries));
  const callingCodes: MetadataJson['country_calling_codes'] = {};
  const kept: MetadataJson['countries'] = {};
  for (const [code, sharing] of Object.entries(metadata.country_calling_codes)) {
    const allowed = sharing.filter((country) => wanted.has(country));
    if (allowed.length === 0) continue;
    const [main] = sharing;
    const listed = main && !allowed.includes(main) ? [main, ...allowed] : allowed;
    callingCodes[code] = listed;
    for (const country of listed) {
      const data = metadata.countries[country];
      if (data) kept[country] = data;
    }
  }
  const result: MetadataJson = {
    version: metadata.version,
    country_calling_codes: callingCodes,
    countries: kept,
    // Numbers of no country (satellite, global services) are never texted.
    nonGeographic: {},
  };
  if (reduced.size > 100) reduced.clear();
  reduced.set(key, result);
  return result;
}
