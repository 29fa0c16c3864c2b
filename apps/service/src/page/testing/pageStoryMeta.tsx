import type { Decorator } from '@storybook/react-vite';
import { type ReactNode, useLayoutEffect } from 'react';
import type { PageBootstrap } from '../../shared/PageBootstrap.ts';
import { applyAppearance } from '../applyAppearance.ts';
import { CheckoutPage } from '../CheckoutPage.tsx';
import { createFakeApi } from './createFakeApi.ts';
import { createFakeBridge } from './createFakeBridge.ts';

export type Theme = 'light' | 'dark';

/** The page's theme, as the SDK's appearance sets it on the root element. */
function Themed({ theme, children }: { theme: Theme; children: ReactNode }) {
  useLayoutEffect(() => {
    applyAppearance(document, { theme });
    return () => applyAppearance(document, null);
  }, [theme]);
  return children;
}

const themed: Decorator = (Story, { parameters }) => (
  <Themed theme={(parameters.theme as Theme | undefined) ?? 'light'}>
    <Story />
  </Themed>
);

/**
 * What the stories of the whole checkout page share, around the session's `bootstrap`: the
 * component, a fake API and SDK, English, the theme a story names in `parameters.theme` (light
 * unless it says), and a phone's width, since the page is laid out for it below 480 px.
 */
export const pageStoryMeta = (bootstrap: PageBootstrap) => ({
  component: CheckoutPage,
  args: {
    bootstrap,
    api: createFakeApi(),
    bridge: createFakeBridge(),
    languages: ['en-US'],
  },
  decorators: [themed],
  parameters: {
    viewport: {
      options: {
        phone390: { name: 'Phone, 390 px', styles: { width: '390px', height: '844px' } },
      },
    },
  },
  globals: { viewport: { value: 'phone390', isRotated: false } },
});
