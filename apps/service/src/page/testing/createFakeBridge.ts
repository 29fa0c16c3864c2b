import { fn } from 'storybook/test';
import type { FrameBridge } from '../createFrameBridge.ts';

/** A bridge already connected to an SDK, recording what the page reports. */
export function createFakeBridge(options: { locale?: string } = {}) {
  return {
    mode: () => 'connected' as const,
    subscribe: () => () => {},
    step: fn(),
    success: fn(),
    cancel: fn(),
    error: fn(),
    appearance: () => null,
    locale: () => options.locale ?? null,
    resize: fn(),
    requestClose: fn(),
    focusExit: fn(),
    onFocusEnter: () => () => {},
    dispose: fn(),
  } satisfies FrameBridge;
}
