import { useSyncExternalStore } from 'react';
import type { BridgeMode, FrameBridge } from './createFrameBridge.ts';

/** The bridge's current mode, re-rendering when the handshake arrives or times out. */
export function useBridgeMode(bridge: FrameBridge): BridgeMode {
  return useSyncExternalStore(bridge.subscribe, bridge.mode);
}
