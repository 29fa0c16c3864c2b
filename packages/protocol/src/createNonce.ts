import { encodeBase64Url } from './base64url.ts';

/** 128 random bits as base64url (22 characters), from the platform's CSPRNG. */
export function createNonce(): string {
  return encodeBase64Url(crypto.getRandomValues(new Uint8Array(16)));
}
