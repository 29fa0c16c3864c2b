import { randomFillSync } from 'node:crypto';
import type { Environment, IdPrefix } from '@lava-checkout/protocol';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/**
 * Random bytes from the CSPRNG, drawn 4 KB at a time: a checkout makes seven ids, and one call
 * to the CSPRNG per id cost more than everything else about them.
 */
const pool = Buffer.alloc(4096);
let next = pool.length;

/**
 * `<prefix>_<test|live>_<ULID>` (a prefix of `ID_PREFIXES`), the id shape of the Lava API (`con_test_01K...`): the ULID of
 * `@lava-checkout/protocol`, 48 bits of millisecond time then 80 random bits, in Crockford
 * base32, so ids sort by creation time.
 */
export function createId(prefix: IdPrefix, environment: Environment, now = Date.now()): string {
  let id = '';
  for (let t = now, i = 0; i < 10; i++, t = Math.floor(t / 32)) id = CROCKFORD.charAt(t % 32) + id;
  if (next + 16 > pool.length) {
    randomFillSync(pool);
    next = 0;
  }
  for (const end = next + 16; next < end; next++) id += CROCKFORD.charAt((pool[next] ?? 0) & 31);
  return `${prefix}_${environment}_${id}`;
}
