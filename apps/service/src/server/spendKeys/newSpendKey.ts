import { randomBytes } from 'node:crypto';
import { hashSecretKey } from '../merchants/hashSecretKey.ts';

/** A spend key as it is written: `lsk_test_` or `lsk_live_`, then 43 base64url characters. */
export const SPEND_KEY = /^lsk_(test|live)_[A-Za-z0-9_-]{43}$/;

/**
 * A new spend key: the key, shown once; its SHA-256, stored to find it; and its preview, the
 * prefix and last four characters, which lists show.
 */
export function newSpendKey(environment: 'test' | 'live'): {
  key: string;
  hash: string;
  preview: string;
} {
  const key = `lsk_${environment}_${randomBytes(32).toString('base64url')}`;
  return { key, hash: hashSecretKey(key), preview: `lsk_${environment}_…${key.slice(-4)}` };
}
