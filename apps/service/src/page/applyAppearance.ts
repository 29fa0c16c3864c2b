import {
  type Appearance,
  type AppearanceVariables,
  colorLuminance,
  LUMINANCE_MIDPOINT,
  resolveTheme,
} from '@lava-checkout/protocol';

const PROPERTIES: Record<keyof AppearanceVariables, string> = {
  colorPrimary: '--lava-color-primary',
  colorBackground: '--lava-color-background',
  colorText: '--lava-color-text',
  colorDanger: '--lava-color-danger',
  fontFamily: '--lava-font-family',
  borderRadius: '--lava-border-radius',
};

/**
 * Applies the merchant's appearance (already checked against the schema) as CSS variables on
 * the root element, and its theme as `data-theme`, which the stylesheet turns into colours:
 * without one, the customer's setting (see `resolveTheme`).
 * Text on the primary colour is black or white, whichever reads better on it.
 */
export function applyAppearance(doc: Document, appearance: Appearance | null): void {
  const root = doc.documentElement;
  root.dataset.theme = resolveTheme(appearance);
  const variables = appearance?.variables ?? {};
  for (const [key, property] of Object.entries(PROPERTIES)) {
    const value = variables[key as keyof AppearanceVariables];
    if (value) root.style.setProperty(property, value);
    else root.style.removeProperty(property);
  }
  const primary = variables.colorPrimary ? colorLuminance(variables.colorPrimary) : null;
  if (primary === null) root.style.removeProperty('--lava-color-primary-text');
  else {
    root.style.setProperty(
      '--lava-color-primary-text',
      primary > LUMINANCE_MIDPOINT ? '#111' : '#fff',
    );
  }
}
