import { useSyncExternalStore } from 'react';
import type { BridgeMode, FrameBridge } from './createFrameBridge.ts';

/**
 * The bridge's current mode, re-rendering when the handshake arrives or times out. On the
 * server, and so in the first step it renders, nobody has answered yet.
 */
export function useBridgeMode(bridge: FrameBridge): BridgeMode {
  return useSyncExternalStore(bridge.subscribe, bridge.mode, bridge.mode);
}
