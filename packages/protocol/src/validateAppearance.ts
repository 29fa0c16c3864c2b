import type {
  Appearance,
  AppearanceProblem,
  AppearanceTheme,
  AppearanceVariables,
} from './Appearance.ts';

const THEMES: readonly AppearanceTheme[] = ['light', 'dark', 'system'];
const COLOR = 'must be a hex colour (#c2410c) or rgb(194 65 12)';
const HEX = /^#(?:[\da-f]{3,4}|[\da-f]{6}|[\da-f]{8})$/i;
const RGB =
  /^rgba?\(\s*([\d.]+%?)(?:\s*,\s*|\s+)([\d.]+%?)(?:\s*,\s*|\s+)([\d.]+%?)\s*(?:[,/]\s*([\d.]+%?)\s*)?\)$/i;
const FAMILY = `(?:"[\\w -]+"|'[\\w -]+'|[A-Za-z][\\w -]*)`;
const FONT = new RegExp(`^\\s*${FAMILY}\\s*(?:,\\s*${FAMILY}\\s*)*$`);
const LENGTH = /^(?:0|\d{1,3}(?:\.\d{1,3})?(?:px|rem))$/;

/** A channel of rgb(): 0-255, or a percentage; the alpha 0-1, or a percentage. */
const inRange = (value: string | undefined, max: number) => {
  if (value === undefined) return true;
  if (!/^\d+(?:\.\d+)?%?$/.test(value)) return false;
  return Number.parseFloat(value) <= (value.endsWith('%') ? 100 : max);
};
const isColor = (value: string) => {
  if (HEX.test(value)) return true;
  const m = RGB.exec(value);
  return !!m && inRange(m[1], 255) && inRange(m[2], 255) && inRange(m[3], 255) && inRange(m[4], 1);
};

const VARIABLES: Record<keyof AppearanceVariables, [(value: string) => boolean, string]> = {
  colorPrimary: [isColor, COLOR],
  colorBackground: [isColor, COLOR],
  colorText: [isColor, COLOR],
  colorDanger: [isColor, COLOR],
  fontFamily: [
    (value) => value.length <= 200 && FONT.test(value),
    'must be a list of font names, such as "Inter", system-ui, sans-serif',
  ],
  borderRadius: [(value) => LENGTH.test(value), 'must be a length in px or rem, such as 6px'],
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Checks an `appearance` against the strict schema. Never throws. Returns what passed (a
 * fresh object) and one problem per refused field, so the caller can report it and use the
 * default there. Values that could escape a CSS declaration (`url(`, `;`) are always refused.
 */
export function validateAppearance(value: unknown): {
  appearance: Appearance;
  problems: AppearanceProblem[];
} {
  const appearance: Appearance = {};
  const problems: AppearanceProblem[] = [];
  const refuse = (field: string, rule: string) =>
    problems.push({ field: `appearance${field}`, rule });
  try {
    if (value === undefined || value === null) return { appearance, problems };
    if (!isRecord(value)) {
      refuse('', 'must be an object with theme and variables');
      return { appearance, problems };
    }
    for (const key of Object.keys(value)) {
      if (key !== 'theme' && key !== 'variables') {
        refuse(`.${key}`, 'is not an appearance option (theme, variables)');
      }
    }
    const { theme, variables } = value;
    if (theme !== undefined) {
      if (THEMES.includes(theme as AppearanceTheme)) appearance.theme = theme as AppearanceTheme;
      else refuse('.theme', "must be 'light', 'dark' or 'system'");
    }
    if (variables === undefined) return { appearance, problems };
    if (!isRecord(variables)) {
      refuse('.variables', 'must be an object');
      return { appearance, problems };
    }
    const checked: AppearanceVariables = {};
    for (const [key, raw] of Object.entries(variables)) {
      const field = `.variables.${key}`;
      const rule = Object.hasOwn(VARIABLES, key)
        ? VARIABLES[key as keyof AppearanceVariables]
        : undefined;
      if (!rule) {
        refuse(field, `is not a variable (${Object.keys(VARIABLES).join(', ')})`);
      } else if (raw === undefined) {
        // An explicit undefined means "the default".
      } else if (typeof raw !== 'string') {
        refuse(field, 'must be a string');
      } else if (/url\(/i.test(raw)) {
        refuse(field, 'must not contain "url("');
      } else if (/[;{}<>\\]/.test(raw)) {
        refuse(field, 'must not contain ";", braces, angle brackets or backslashes');
      } else if (!rule[0](raw.trim())) {
        refuse(field, rule[1]);
      } else {
        checked[key as keyof AppearanceVariables] = raw.trim();
      }
    }
    appearance.variables = checked;
  } catch {
    refuse('', 'could not be read');
  }
  return { appearance, problems };
}

/** The one console message for refused appearance values: what, and how to fix it. */
export function describeAppearanceProblems(problems: readonly AppearanceProblem[]): string {
  const list = problems.map(({ field, rule }) => `${field} ${rule}`).join('; ');
  return `Lava Checkout: ${list}, so the default is used there. Give colours as hex or rgb(), lengths in px or rem, and fonts as plain family names.`;
}
