import { useSerialAction } from './useSerialAction.ts';

/** Session-ending API errors: the page leaves the flow and shows why. */
export const SESSION_ENDING_CODES = [
  'session_invalid',
  'session_expired',
  'session_completed',
  'session_idle',
] as const;
export type SessionEndingCode = (typeof SESSION_ENDING_CODES)[number];

const sessionEnding = (code: string): SessionEndingCode | undefined =>
  (SESSION_ENDING_CODES as readonly string[]).includes(code)
    ? (code as SessionEndingCode)
    : undefined;

/**
 * Runs one request at a time for a form: ignores submits while one is in flight, keeps its
 * error for the form to show, and hands session-ending errors to `onSessionEnd`.
 */
export function useSubmit(onSessionEnd: (code: SessionEndingCode) => void) {
  return useSerialAction(sessionEnding, onSessionEnd);
}
