const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A ULID: 48 bits of millisecond time then 80 random bits from the platform's CSPRNG, in
 * Crockford base32 (26 characters). Ids sort by creation time.
 */
export function createUlid(now: number = Date.now()): string {
  let time = '';
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = CROCKFORD.charAt(t % 32) + time;
    t = Math.floor(t / 32);
  }
  let random = '';
  for (const byte of crypto.getRandomValues(new Uint8Array(16))) {
    random += CROCKFORD.charAt(byte & 31);
  }
  return time + random;
}
