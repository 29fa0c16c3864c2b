import { describe, expect, it } from 'vitest';
import { CATALOGS, createI18n, pickLocale } from './createI18n.ts';
import { en } from './en.ts';

/** Every key path of a catalog, with what it holds: a string, or a function of n values. */
function shape(catalog: object, prefix = ''): string[] {
  return Object.entries(catalog).flatMap(([key, value]: [string, unknown]) => {
    const path = `${prefix}${key}`;
    if (typeof value === 'string') return [`${path}: string`];
    if (typeof value === 'function') return [`${path}: function of ${value.length}`];
    return shape(value as object, `${path}.`);
  });
}

/** The strings of a catalog, functions called with placeholder values. */
function texts(catalog: object): string[] {
  return Object.values(catalog).flatMap((value: unknown) => {
    if (typeof value === 'string') return [value];
    if (typeof value === 'function') {
      return [(value as (...args: unknown[]) => string)('X', 'Y', 'Z')];
    }
    return texts(value as object);
  });
}

describe('the catalogs', () => {
  it.each(Object.entries(CATALOGS))('%s has every key of English, and no other', (_, catalog) => {
    expect(shape(catalog)).toEqual(shape(en));
  });

  it.each(Object.entries(CATALOGS))('%s has no empty string', (_, catalog) => {
    expect(texts(catalog).filter((text) => text.trim() === '')).toEqual([]);
  });
});

describe('pickLocale', () => {
  it.each([
    ['es', ['en-US'], 'es'],
    ['es-mx', ['en-US'], 'es-MX'],
    [null, ['es-AR', 'en'], 'es-AR'],
    ['de', ['fr-FR', 'es-ES'], 'es-ES'],
    [null, ['fr-FR'], 'en'],
  ])('speaks %s with browser languages %j as %s', (requested, browser, locale) => {
    expect(pickLocale(requested, browser)).toBe(locale);
  });
});

describe('createI18n', () => {
  it('formats money, dates and waits for the language', () => {
    const english = createI18n('en-US');
    expect(english.money('49.00')).toBe('$49.00');
    expect(english.money('0.005')).toBe('$0.005');
    expect(english.date('2026-12-22T12:00:00.000Z')).toBe('December 22, 2026');
    expect(english.wait(30)).toBe('in 30 seconds');
    const spanish = createI18n('es');
    expect(spanish.t).toBe(CATALOGS.es);
    expect(spanish.money('49.00')).toBe('49,00\u00a0US$');
    expect(spanish.date('2026-12-22T12:00:00.000Z')).toBe('22 de diciembre de 2026');
    expect(spanish.wait(600)).toBe('dentro de 10 minutos');
  });
});
