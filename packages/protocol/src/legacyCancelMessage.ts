import { LEGACY_MESSAGE_TYPE } from './constants.ts';
import type { LegacyCancelMessage } from './messages.ts';

/** The cancel message of the published hook. */
export function legacyCancelMessage(checkoutSessionId: string | null): LegacyCancelMessage {
  return { type: LEGACY_MESSAGE_TYPE.cancel, checkoutSessionId };
}
