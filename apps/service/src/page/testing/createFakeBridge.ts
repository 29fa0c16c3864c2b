import { fn } from 'storybook/test';
import type { BridgeMode, FrameBridge } from '../createFrameBridge.ts';

/**
 * A bridge already connected to an SDK (or, with `mode: 'standalone'`, the standalone page's,
 * which has nobody to tell), recording what the page reports.
 */
export function createFakeBridge(options: { locale?: string; mode?: BridgeMode } = {}) {
  return {
    mode: (): BridgeMode => options.mode ?? 'connected',
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
