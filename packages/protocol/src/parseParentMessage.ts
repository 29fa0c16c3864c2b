import { MESSAGE_TYPE, PROTOCOL_VERSION } from './constants.ts';
import { NONCE_PATTERN } from './ids.ts';
import type { FocusEdge, ParentMessage } from './messages.ts';

const EDGES: readonly FocusEdge[] = ['first', 'last'];

/**
 * Parses what the parent sent over the port after the hello. Never throws; anything that is
 * not a well-formed message of this protocol version gives `null`.
 */
export function parseParentMessage(data: unknown): ParentMessage | null {
  try {
    if (typeof data !== 'object' || data === null) return null;
    const m = data as Record<string, unknown>;
    if (m.v !== PROTOCOL_VERSION || typeof m.nonce !== 'string' || !NONCE_PATTERN.test(m.nonce)) {
      return null;
    }
    const base = { v: PROTOCOL_VERSION, nonce: m.nonce } as const;
    switch (m.type) {
      case MESSAGE_TYPE.close:
        return { ...base, type: MESSAGE_TYPE.close };
      case MESSAGE_TYPE.focus:
        return EDGES.includes(m.edge as FocusEdge)
          ? { ...base, type: MESSAGE_TYPE.focus, edge: m.edge as FocusEdge }
          : null;
      default:
        return null;
    }
  } catch {
    return null;
  }
}
