/** Raw key bytes as a Web Crypto HMAC-SHA256 key, for `usage` alone and never exported. */
export const importHmacKey = (
  raw: Uint8Array<ArrayBuffer>,
  usage: 'sign' | 'verify',
): Promise<CryptoKey> =>
  crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, [usage]);
