import type { Db, Tables } from '../platform/db/Database.ts';
import { newSpendKey } from './newSpendKey.ts';

/**
 * Replaces a spend key's secret in place: the key keeps its id, settings and counters, and its
 * stored hash becomes the new key's, so the old key stops at the very write. The new key is
 * returned this once.
 */
export async function rotateSpendKey(
  db: Db,
  old: Tables['spend_keys'],
  environment: 'test' | 'live',
): Promise<{ row: Tables['spend_keys']; key: string }> {
  const { key, hash, preview } = newSpendKey(environment);
  await db
    .updateTable('spend_keys')
    .set((eb) => ({ key_hash: hash, key_preview: preview, version: eb('version', '+', 1) }))
    .where('id', '=', old.id)
    .execute();
  return { row: { ...old, key_hash: hash, key_preview: preview }, key };
}
