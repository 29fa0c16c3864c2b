/** The balance badge's and popover's colours, per theme. */
export const BALANCE_COLORS = {
  light: {
    text: '#1f2328',
    normal: '#1f2328',
    muted: '#57606a',
    background: '#ffffff',
    border: '#d0d7de',
    low: '#9a6700',
    zero: '#cf222e',
  },
  dark: {
    text: '#e6edf3',
    normal: '#e6edf3',
    muted: '#9198a1',
    background: '#161b22',
    border: '#3d444d',
    low: '#d29922',
    zero: '#ff7b72',
  },
} as const;

export type BalanceTheme = keyof typeof BALANCE_COLORS;
