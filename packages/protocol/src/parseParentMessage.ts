import { MESSAGE_TYPE } from './constants.ts';
import type { FocusEdge, ParentMessage } from './messages.ts';
import { parseEnvelope } from './parseEnvelope.ts';

const EDGES: readonly FocusEdge[] = ['first', 'last'];

/**
 * Parses what the parent sent over the port after the hello. Never throws; anything that is
 * not a well-formed message of this protocol version gives `null`.
 */
export function parseParentMessage(data: unknown): ParentMessage | null {
  return parseEnvelope(data, (m, base) => {
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
  });
}
