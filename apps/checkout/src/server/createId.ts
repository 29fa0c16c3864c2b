import { createUlid } from '@lava-checkout/protocol';

/** `<prefix>_<test|live>_<ULID>`, the id shape of the Lava API (`con_test_01K...`). */
export function createId(prefix: string, environment: 'test' | 'live'): string {
  return `${prefix}_${environment}_${createUlid()}`;
}
