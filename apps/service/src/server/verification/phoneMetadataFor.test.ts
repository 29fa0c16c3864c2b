import { gzipSync } from 'node:zlib';
import { AsYouType, parsePhoneNumberFromString } from 'libphonenumber-js/core';
import { describe, expect, it } from 'vitest';
import { phoneMetadataFor } from './phoneMetadataFor.ts';

describe('phoneMetadataFor', () => {
  it('keeps only the countries asked for, and formats and parses their numbers', () => {
    const metadata = phoneMetadataFor(['US', 'CA']);
    expect(Object.keys(metadata.countries).sort()).toEqual(['CA', 'US']);
    expect(metadata.country_calling_codes).toEqual({ '1': ['US', 'CA'] });
    expect(new AsYouType('US', metadata).input('4155550100')).toBe('(415) 555-0100');
    expect(parsePhoneNumberFromString('+1 604 555 0100', metadata)?.country).toBe('CA');
    expect(gzipSync(JSON.stringify(metadata)).length).toBeLessThan(2_000);
  });

  it('keeps the main country of a shared calling code, whose formats the others borrow', () => {
    const metadata = phoneMetadataFor(['CA']);
    expect(metadata.country_calling_codes).toEqual({ '1': ['US', 'CA'] });
    expect(new AsYouType('CA', metadata).input('6045550100')).toBe('(604) 555-0100');
  });

  it('formats a country of its own calling code, and knows nothing of the others', () => {
    const metadata = phoneMetadataFor(['ES', 'XX']);
    expect(metadata.country_calling_codes).toEqual({ '34': ['ES'] });
    expect(new AsYouType('ES', metadata).input('612345678')).toBe('612 34 56 78');
    expect(parsePhoneNumberFromString('+1 415 555 0100', metadata)).toBeUndefined();
  });
});
