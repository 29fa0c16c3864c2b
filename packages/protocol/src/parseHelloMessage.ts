import { MESSAGE_TYPE, PROTOCOL_VERSION } from './constants.ts';
import { NONCE_PATTERN } from './ids.ts';
import type { HelloMessage } from './messages.ts';

/** Parses the parent's handshake. Never throws; anything else gives `null`. */
export function parseHelloMessage(data: unknown): HelloMessage | null {
  try {
    if (typeof data !== 'object' || data === null) return null;
    const m = data as Record<string, unknown>;
    if (m.v !== PROTOCOL_VERSION || m.type !== MESSAGE_TYPE.hello) return null;
    if (typeof m.nonce !== 'string' || !NONCE_PATTERN.test(m.nonce)) return null;
    return { v: PROTOCOL_VERSION, type: MESSAGE_TYPE.hello, nonce: m.nonce };
  } catch {
    return null;
  }
}
