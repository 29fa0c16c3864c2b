/** The page's colour scheme: fixed, or following the customer's system setting. */
export type AppearanceTheme = 'light' | 'dark' | 'system';

/**
 * Brand values for the checkout page and the overlay. Colours are hex (`#c2410c`) or
 * `rgb()`; lengths are px or rem. Anything else is refused with a console error naming the
 * field, and that field keeps its default.
 */
export interface AppearanceVariables {
  /** Buttons, links and focus rings. @default '#c2410c' */
  colorPrimary?: string | undefined;
  /** The page and the overlay panel. @default '#ffffff' (light), '#16151a' (dark) */
  colorBackground?: string | undefined;
  /** Body text. @default '#1b1a1f' (light), '#ecebf0' (dark) */
  colorText?: string | undefined;
  /** Error messages. @default '#b42318' (light), '#f97066' (dark) */
  colorDanger?: string | undefined;
  /** A CSS font-family list of plain names. @default 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif' */
  fontFamily?: string | undefined;
  /** Corner radius of fields and buttons. @default '0.4rem' */
  borderRadius?: string | undefined;
}

/** How the checkout looks: a small, validated subset of what a stylesheet could say. */
export interface Appearance {
  /**
   * @default 'system' (the customer's setting); with colours and no theme, the theme they suit:
   * dark on a dark `colorBackground`, else light
   */
  theme?: AppearanceTheme | undefined;
  variables?: AppearanceVariables | undefined;
}

/** One refused appearance value: which field, and the rule it broke. */
export interface AppearanceProblem {
  /** e.g. `appearance.variables.colorPrimary` */
  field: string;
  /** e.g. `must not contain "url("` */
  rule: string;
}
