/**
 * The relative luminance (WCAG) of a hex or `rgb()` colour, from 0 (black) to 1 (white), or
 * `null` if it cannot be read.
 */
export function colorLuminance(color: string): number | null {
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
 * The luminance at which black and white text read equally well: a colour above it is light
 * (black text reads better on it), at or below it dark.
 */
export const LUMINANCE_MIDPOINT = 0.179;
