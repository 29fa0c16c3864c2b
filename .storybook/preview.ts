import type { Preview } from '@storybook/react-vite';
import { configure, getConfig } from 'storybook/test';

// The SDK's overlay lives in a shadow root. Testing Library queries one fine, but cannot print
// it when a query fails; say what was not found instead of failing on the printing.
const { getElementError } = getConfig();
configure({
  getElementError: (message, container) =>
    container instanceof ShadowRoot
      ? Object.assign(new Error(`${message} (in the overlay's shadow root)`), {
          name: 'TestingLibraryElementError',
        })
      : getElementError(message, container),
});

const preview: Preview = {
  parameters: { layout: 'fullscreen' },
};

export default preview;
