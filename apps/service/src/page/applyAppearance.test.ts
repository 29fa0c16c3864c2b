import { afterEach, describe, expect, it } from 'vitest';
import { applyAppearance } from './applyAppearance.ts';

const root = document.documentElement;
afterEach(() => {
  root.removeAttribute('style');
  root.removeAttribute('data-theme');
});

describe('applyAppearance', () => {
  it('sets the theme and each variable as a CSS custom property on the root', () => {
    applyAppearance(document, {
      theme: 'dark',
      variables: {
        colorPrimary: '#fde047',
        colorBackground: 'rgb(10 10 10)',
        colorText: '#fafafa',
        colorDanger: '#f87171',
        fontFamily: '"Inter", sans-serif',
        borderRadius: '10px',
      },
    });
    expect(root.dataset.theme).toBe('dark');
    expect(root.style.getPropertyValue('--lava-color-primary')).toBe('#fde047');
    expect(root.style.getPropertyValue('--lava-color-background')).toBe('rgb(10 10 10)');
    expect(root.style.getPropertyValue('--lava-color-text')).toBe('#fafafa');
    expect(root.style.getPropertyValue('--lava-color-danger')).toBe('#f87171');
    expect(root.style.getPropertyValue('--lava-font-family')).toBe('"Inter", sans-serif');
    expect(root.style.getPropertyValue('--lava-border-radius')).toBe('10px');
  });

  it.each([
    ['a light primary', '#fde047', '#111'],
    ['a dark primary', '#1e3a8a', '#fff'],
    ['a dark rgb() primary', 'rgb(30, 58, 138)', '#fff'],
  ])('writes on %s in the colour that reads better', (_, colorPrimary, text) => {
    applyAppearance(document, { variables: { colorPrimary } });
    expect(root.style.getPropertyValue('--lava-color-primary-text')).toBe(text);
  });

  it("falls back to the customer's setting and the defaults without an appearance", () => {
    applyAppearance(document, { theme: 'dark', variables: { colorText: '#fff' } });
    applyAppearance(document, null);
    expect(root.dataset.theme).toBe('system');
    expect(root.style.getPropertyValue('--lava-color-text')).toBe('');
    expect(root.style.getPropertyValue('--lava-color-primary-text')).toBe('');
  });
});
