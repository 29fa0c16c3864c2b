import '@testing-library/jest-dom/vitest';
import { configure, getConfig } from '@testing-library/dom';
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

// The overlay lives in a shadow root. Testing Library queries one fine, but cannot print it
// when a query fails; say what was not found instead of failing on the printing.
const { getElementError } = getConfig();
configure({
  getElementError: (message, container) =>
    typeof ShadowRoot !== 'undefined' && container instanceof ShadowRoot
      ? Object.assign(new Error(`${message} (in the overlay's shadow root)`), {
          name: 'TestingLibraryElementError',
        })
      : getElementError(message, container),
});

afterEach(() => {
  cleanup();
});
