import { describe, expect, it } from 'vitest';
import { describeAppearanceProblems, validateAppearance } from './validateAppearance.ts';
import { validateLocale } from './validateLocale.ts';

describe('validateAppearance, given allowed values', () => {
  it('keeps each theme and every variable, trimmed', () => {
    const appearance = {
      theme: 'system',
      variables: {
        colorPrimary: '#0A7',
        colorBackground: 'rgb(22 21 26)',
        colorText: 'rgba(236, 235, 240, 0.9)',
        colorDanger: '#f97066ff',
        fontFamily: ' "Inter Tight", system-ui, sans-serif',
        borderRadius: '0.5rem',
      },
    };
    expect(validateAppearance(appearance)).toEqual({
      appearance: {
        ...appearance,
        variables: { ...appearance.variables, fontFamily: '"Inter Tight", system-ui, sans-serif' },
      },
      problems: [],
    });
  });

  it.each(['light', 'dark'])('keeps theme %s', (theme) => {
    expect(validateAppearance({ theme })).toEqual({ appearance: { theme }, problems: [] });
  });

  it('gives an empty appearance for undefined, and treats an undefined variable as the default', () => {
    expect(validateAppearance(undefined)).toEqual({ appearance: {}, problems: [] });
    expect(validateAppearance({ variables: { colorText: undefined } })).toEqual({
      appearance: { variables: {} },
      problems: [],
    });
  });
});

describe('validateAppearance, given refused values', () => {
  it.each([
    ['url(', 'colorPrimary', 'url(https://evil.example/a.png)', 'must not contain "url("'],
    ['URL( in any case', 'colorText', 'URL(x)', 'must not contain "url("'],
    ['a semicolon', 'colorBackground', '#fff; background: red', 'must not contain ";"'],
    ['a brace', 'fontFamily', 'a}body{color:red', 'must not contain ";"'],
    ['a colour name', 'colorPrimary', 'red', 'must be a hex colour'],
    ['a channel over 255', 'colorPrimary', 'rgb(300 0 0)', 'must be a hex colour'],
    ['an alpha over 1', 'colorPrimary', 'rgb(0 0 0 / 2)', 'must be a hex colour'],
    ['hsl()', 'colorPrimary', 'hsl(0 0% 0%)', 'must be a hex colour'],
    ['a 5-digit hex', 'colorPrimary', '#12345', 'must be a hex colour'],
    ['em', 'borderRadius', '2em', 'must be a length in px or rem'],
    ['a unitless length', 'borderRadius', '6', 'must be a length in px or rem'],
    ['calc()', 'borderRadius', 'calc(1px + 1px)', 'must be a length in px or rem'],
    ['a quote left open', 'fontFamily', '"Inter', 'must be a list of font names'],
    ['a number', 'borderRadius', 6, 'must be a string'],
  ])('refuses %s, naming the field and the rule', (_, key, value, rule) => {
    const { appearance, problems } = validateAppearance({ variables: { [key]: value } });
    expect(appearance).toEqual({ variables: {} });
    expect(problems).toEqual([
      { field: `appearance.variables.${key}`, rule: expect.stringContaining(rule) },
    ]);
  });

  it('refuses unknown options and variables, and a theme that does not exist', () => {
    const { appearance, problems } = validateAppearance({
      theme: 'neon',
      rules: {},
      variables: { colorPrimry: '#000', colorText: '#000' },
    });
    expect(appearance).toEqual({ variables: { colorText: '#000' } });
    expect(problems.map((p) => p.field)).toEqual([
      'appearance.rules',
      'appearance.theme',
      'appearance.variables.colorPrimry',
    ]);
  });

  it.each([
    ['a string', 'dark'],
    ['an array', []],
  ])('refuses %s as the whole appearance', (_, value) => {
    expect(validateAppearance(value)).toEqual({
      appearance: {},
      problems: [{ field: 'appearance', rule: expect.stringContaining('must be an object') }],
    });
  });

  it('never throws, even when reading the value throws', () => {
    const hostile = new Proxy(
      {},
      {
        ownKeys: () => [],
        get: () => {
          throw new Error('boom');
        },
      },
    );
    expect(() => validateAppearance(hostile)).not.toThrow();
  });

  it('describes the problems in one message that says what to do', () => {
    const { problems } = validateAppearance({ variables: { colorPrimary: 'url(x)' } });
    expect(describeAppearanceProblems(problems)).toBe(
      'Lava Checkout: appearance.variables.colorPrimary must not contain "url(", so the default is used there. Give colours as hex or rgb(), lengths in px or rem, and fonts as plain family names.',
    );
  });
});

describe('validateLocale', () => {
  it.each([
    ['en', 'en'],
    ['en-us', 'en-US'],
    ['pt-BR', 'pt-BR'],
    ['zh-Hant-TW', 'zh-Hant-TW'],
  ])('canonicalises %s to %s', (value, canonical) => {
    expect(validateLocale(value)).toBe(canonical);
  });

  it.each([['en_US'], [''], ['not a locale'], [42], [null], ['a'.repeat(40)]])(
    'refuses %j',
    (value) => {
      expect(validateLocale(value)).toBeNull();
    },
  );
});
