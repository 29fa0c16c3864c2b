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

// A wait ends when what it waits for appears; its time limit only bounds a wait that never
// will. In Chromium one often covers a frame loading its page and its handshake, and in jsdom a
// typed card and a payment: seconds on a loaded two-core machine either way, where Testing
// Library's default of one second failed a test that was only slow (the projects' tests get
// 30 s).
configure({ asyncUtilTimeout: 10_000 });

afterEach(() => {
  cleanup();
});
