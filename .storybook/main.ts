import { defineMain } from '@storybook/react-vite/node';
import { defaultClientConditions, mergeConfig } from 'vite';

export default defineMain({
  framework: '@storybook/react-vite',
  stories: ['../packages/*/src/**/*.stories.tsx', '../apps/*/src/**/*.stories.tsx'],
  addons: ['@storybook/addon-vitest'],
  // A stand-in checkout page that plays the frame's side of the protocol, so the overlay's
  // stories run without the checkout service.
  staticDirs: [{ from: './fake-checkout', to: '/fake-checkout' }],
  core: { disableTelemetry: true },
  viteFinal: (config) =>
    mergeConfig(config, {
      resolve: { conditions: ['@lava-checkout/source', ...defaultClientConditions] },
      // Known up front, so the first run never reloads the browser midway to optimise them.
      optimizeDeps: { include: ['card-validator'] },
    }),
});
