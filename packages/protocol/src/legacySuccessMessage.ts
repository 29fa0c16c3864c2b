import { LEGACY_MESSAGE_TYPE } from './constants.ts';
import type { LegacySuccessMessage } from './messages.ts';

/** The success message of the published hook; `connectionId` and `customerId` carry the same id. */
export function legacySuccessMessage(
  checkoutSessionId: string,
  customerId: string,
): LegacySuccessMessage {
  return {
    type: LEGACY_MESSAGE_TYPE.success,
    checkoutSessionId,
    connectionId: customerId,
    customerId,
  };
}
