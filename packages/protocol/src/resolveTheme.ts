import type { Appearance, AppearanceTheme } from './Appearance.ts';
import { colorLuminance, LUMINANCE_MIDPOINT } from './colorLuminance.ts';

/**
 * The theme an appearance asks for, the same on both sides of the frame. Without `theme`, the
 * customer's own setting (`system`); but colours given without one were chosen for one theme,
 * whose defaults fill the rest: dark on a dark `colorBackground`, else light.
 */
export function resolveTheme(appearance: Appearance | null | undefined): AppearanceTheme {
  if (appearance?.theme) return appearance.theme;
  const { colorBackground, colorPrimary, colorText, colorDanger } = appearance?.variables ?? {};
  if (colorBackground) {
    return (colorLuminance(colorBackground) ?? 1) > LUMINANCE_MIDPOINT ? 'light' : 'dark';
  }
  return colorPrimary || colorText || colorDanger ? 'light' : 'system';
}
