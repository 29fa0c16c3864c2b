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

// In Chromium a wait often covers a frame loading its page and its handshake: seconds on a
// loaded two-core machine, so waits there get room (the browser projects' tests get 30 s).
// jsdom loads nothing and keeps Testing Library's default.
if (!navigator.userAgent.includes('jsdom')) configure({ asyncUtilTimeout: 10_000 });

afterEach(() => {
  cleanup();
});
