import type { PageBootstrap } from '../../shared/PageBootstrap.ts';
import { CheckoutPage } from '../CheckoutPage.tsx';
import { createFakeApi } from './createFakeApi.ts';
import { createFakeBridge } from './createFakeBridge.ts';
import { phoneStoryLayout } from './phoneStoryLayout.ts';

export type { Theme } from './themed.tsx';

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
  ...phoneStoryLayout,
});
