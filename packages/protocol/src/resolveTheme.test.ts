import { describe, expect, it } from 'vitest';
import { colorLuminance } from './colorLuminance.ts';
import { resolveTheme } from './resolveTheme.ts';

describe('resolveTheme', () => {
  it.each([
    ['no appearance', undefined],
    ['an empty appearance', {}],
    ['only a font and a radius', { variables: { fontFamily: 'Inter', borderRadius: '4px' } }],
  ])("follows the customer's setting given %s", (_, appearance) => {
    expect(resolveTheme(appearance)).toBe('system');
  });

  it.each(['light', 'dark', 'system'] as const)('keeps a theme given: %s', (theme) => {
    expect(resolveTheme({ theme, variables: { colorBackground: '#000' } })).toBe(theme);
  });

  it.each([
    ['a white background', { colorBackground: '#ffffff' }, 'light'],
    ['a near-black rgb() background', { colorBackground: 'rgb(22, 21, 26)' }, 'dark'],
    ['a dark navy background', { colorBackground: '#1e1b4b', colorText: '#fff' }, 'dark'],
    ['colours without a background', { colorPrimary: '#4f46e5' }, 'light'],
  ] as const)('takes the theme colours were chosen for, given %s', (_, variables, theme) => {
    expect(resolveTheme({ variables })).toBe(theme);
  });
});

describe('colorLuminance', () => {
  it.each([
    ['#000', 0],
    ['#ffffff', 1],
    ['rgb(255 255 255 / 50%)', 1],
    ['#fff0', 1],
  ])('reads %s', (color, luminance) => {
    expect(colorLuminance(color)).toBeCloseTo(luminance, 5);
  });

  it('gives null for what it cannot read', () => {
    expect(colorLuminance('tomato')).toBeNull();
  });
});
