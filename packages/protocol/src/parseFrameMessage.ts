import { MESSAGE_TYPE } from './constants.ts';
import { CHECKOUT_SESSION_ID_PATTERN, CUSTOMER_ID_PATTERN } from './ids.ts';
import type { CheckoutStep, FocusDirection, FrameErrorCode, FrameMessage } from './messages.ts';
import { parseEnvelope } from './parseEnvelope.ts';

const STEPS: readonly CheckoutStep[] = ['phone', 'code', 'payment', 'processing'];
const FRAME_ERROR_CODES: readonly FrameErrorCode[] = [
  'session_invalid',
  'session_expired',
  'session_completed',
];

const DIRECTIONS: readonly FocusDirection[] = ['backward', 'forward'];
/** Taller than any checkout page; a bound, so a bad frame cannot ask for a giant panel. */
const MAX_HEIGHT = 100_000;

const isSessionId = (value: unknown): value is string =>
  typeof value === 'string' && CHECKOUT_SESSION_ID_PATTERN.test(value);
const isSessionIdOrNull = (value: unknown): value is string | null =>
  value === null || isSessionId(value);

/**
 * Parses what arrived from the checkout frame into the message union. Never throws: anything
 * that is not a well-formed message of this protocol version gives `null`. The result is a
 * fresh object holding only the known fields, so nothing else of the input travels on.
 */
export function parseFrameMessage(data: unknown): FrameMessage | null {
  return parseEnvelope(data, (m, base) => {
    switch (m.type) {
      case MESSAGE_TYPE.ready:
        return isSessionIdOrNull(m.checkoutSessionId)
          ? { ...base, type: MESSAGE_TYPE.ready, checkoutSessionId: m.checkoutSessionId }
          : null;
      case MESSAGE_TYPE.step:
        return STEPS.includes(m.step as CheckoutStep)
          ? { ...base, type: MESSAGE_TYPE.step, step: m.step as CheckoutStep }
          : null;
      case MESSAGE_TYPE.success:
        return isSessionId(m.checkoutSessionId) &&
          typeof m.customerId === 'string' &&
          CUSTOMER_ID_PATTERN.test(m.customerId)
          ? {
              ...base,
              type: MESSAGE_TYPE.success,
              checkoutSessionId: m.checkoutSessionId,
              customerId: m.customerId,
            }
          : null;
      case MESSAGE_TYPE.cancel:
        return isSessionIdOrNull(m.checkoutSessionId)
          ? { ...base, type: MESSAGE_TYPE.cancel, checkoutSessionId: m.checkoutSessionId }
          : null;
      case MESSAGE_TYPE.error:
        return isSessionIdOrNull(m.checkoutSessionId) &&
          FRAME_ERROR_CODES.includes(m.code as FrameErrorCode)
          ? {
              ...base,
              type: MESSAGE_TYPE.error,
              checkoutSessionId: m.checkoutSessionId,
              code: m.code as FrameErrorCode,
            }
          : null;
      case MESSAGE_TYPE.resize:
        return typeof m.height === 'number' &&
          Number.isInteger(m.height) &&
          m.height >= 0 &&
          m.height <= MAX_HEIGHT
          ? { ...base, type: MESSAGE_TYPE.resize, height: m.height }
          : null;
      case MESSAGE_TYPE.closeRequest:
        return { ...base, type: MESSAGE_TYPE.closeRequest };
      case MESSAGE_TYPE.closeRefused:
        return { ...base, type: MESSAGE_TYPE.closeRefused };
      case MESSAGE_TYPE.focusExit:
        return DIRECTIONS.includes(m.direction as FocusDirection)
          ? { ...base, type: MESSAGE_TYPE.focusExit, direction: m.direction as FocusDirection }
          : null;
      default:
        return null;
    }
  });
}
