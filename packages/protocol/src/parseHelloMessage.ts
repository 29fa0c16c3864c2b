import { MESSAGE_TYPE, PROTOCOL_VERSION } from './constants.ts';
import { NONCE_PATTERN } from './ids.ts';
import type { HelloMessage } from './messages.ts';
import { validateAppearance } from './validateAppearance.ts';
import { validateLocale } from './validateLocale.ts';

/**
 * Parses the parent's handshake. Never throws; anything else gives `null`. The appearance
 * keeps only the values the schema allows, and a locale that is not a BCP 47 tag is dropped:
 * neither makes the hello itself invalid.
 */
export function parseHelloMessage(data: unknown): HelloMessage | null {
  try {
    if (typeof data !== 'object' || data === null) return null;
    const m = data as Record<string, unknown>;
    if (m.v !== PROTOCOL_VERSION || m.type !== MESSAGE_TYPE.hello) return null;
    if (typeof m.nonce !== 'string' || !NONCE_PATTERN.test(m.nonce)) return null;
    const hello: HelloMessage = { v: PROTOCOL_VERSION, type: MESSAGE_TYPE.hello, nonce: m.nonce };
    if (m.appearance !== undefined) hello.appearance = validateAppearance(m.appearance).appearance;
    const locale = validateLocale(m.locale);
    if (locale) hello.locale = locale;
    return hello;
  } catch {
    return null;
  }
}
