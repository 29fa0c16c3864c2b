import { createHmac } from 'node:crypto';

/** HMAC of a code bound to its session and phone: codes are never stored, and never cross. */
export function hashCode(key: Buffer, sessionId: string, phone: string, code: string): string {
  return createHmac('sha256', key).update(`${sessionId}\n${phone}\n${code}`).digest('hex');
}
