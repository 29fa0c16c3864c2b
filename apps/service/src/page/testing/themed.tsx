import type { Decorator } from '@storybook/react-vite';
import { type ReactNode, useLayoutEffect } from 'react';
import { applyAppearance } from '../applyAppearance.ts';

export type Theme = 'light' | 'dark';

/** The page's theme, as the SDK's appearance sets it on the root element. */
function Themed({ theme, children }: { theme: Theme; children: ReactNode }) {
  useLayoutEffect(() => {
    applyAppearance(document, { theme });
    return () => applyAppearance(document, null);
  }, [theme]);
  return children;
}

/** A story decorator: the theme a story names in `parameters.theme`, light unless it says. */
export const themed: Decorator = (Story, { parameters }) => (
  <Themed theme={(parameters.theme as Theme | undefined) ?? 'light'}>
    <Story />
  </Themed>
);
