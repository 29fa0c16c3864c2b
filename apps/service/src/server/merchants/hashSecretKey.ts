import { createHash } from 'node:crypto';

/** SHA-256 hex of a secret key: how keys are found without being stored. */
export function hashSecretKey(secretKey: string): string {
  return createHash('sha256').update(secretKey).digest('hex');
}
