import type { Appearance, AppearanceVariables } from '@lava-checkout/protocol';

const PROPERTIES: Record<keyof AppearanceVariables, string> = {
  colorPrimary: '--lava-color-primary',
  colorBackground: '--lava-color-background',
  colorText: '--lava-color-text',
  colorDanger: '--lava-color-danger',
  fontFamily: '--lava-font-family',
  borderRadius: '--lava-border-radius',
};

/** Relative luminance (WCAG) of a hex or rgb() colour, or `null` if it cannot be read. */
function luminance(color: string): number | null {
  const hex = /^#([\da-f]{3,4}|[\da-f]{6}|[\da-f]{8})$/i.exec(color)?.[1];
  let channels: number[];
  if (hex) {
    const full = hex.length <= 4 ? [...hex].map((c) => c + c).join('') : hex;
    channels = [0, 2, 4].map((i) => Number.parseInt(full.slice(i, i + 2), 16));
  } else {
    const parts = /^rgba?\(([^)]*)\)$/i
      .exec(color)?.[1]
      ?.split(/[\s,/]+/)
      .filter(Boolean);
    if (!parts || parts.length < 3) return null;
    channels = parts
      .slice(0, 3)
      .map((p) => (p.endsWith('%') ? (Number.parseFloat(p) * 255) / 100 : Number.parseFloat(p)));
  }
  const [r = 0, g = 0, b = 0] = channels.map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/**
 * Applies the merchant's appearance (already checked against the schema) as CSS variables on
 * the root element, and its theme as `data-theme`, which the stylesheet turns into colours.
 * Text on the primary colour is black or white, whichever reads better on it.
 */
export function applyAppearance(doc: Document, appearance: Appearance | null): void {
  const root = doc.documentElement;
  root.dataset.theme = appearance?.theme ?? 'light';
  const variables = appearance?.variables ?? {};
  for (const [key, property] of Object.entries(PROPERTIES)) {
    const value = variables[key as keyof AppearanceVariables];
    if (value) root.style.setProperty(property, value);
    else root.style.removeProperty(property);
  }
  const primary = variables.colorPrimary ? luminance(variables.colorPrimary) : null;
  if (primary === null) root.style.removeProperty('--lava-color-primary-text');
  else root.style.setProperty('--lava-color-primary-text', primary > 0.179 ? '#111' : '#fff');
}
