import { themed } from './themed.tsx';

/**
 * How a whole page's stories are shown: in the theme a story names in `parameters.theme` (light
 * unless it says), at a phone's width, since the pages are laid out for it below 480 px.
 */
export const phoneStoryLayout = {
  decorators: [themed],
  parameters: {
    viewport: {
      options: {
        phone390: { name: 'Phone, 390 px', styles: { width: '390px', height: '844px' } },
      },
    },
  },
  globals: { viewport: { value: 'phone390', isRotated: false } },
};
