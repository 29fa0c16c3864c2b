import type { Db } from './Database.ts';

/**
 * Reads a service-wide setting, creating it with `create()` the first time. Safe when several
 * processes start at once: the first insert wins and everyone reads the same value.
 */
export async function getOrCreateSetting(
  db: Db,
  name: string,
  create: () => string,
): Promise<string> {
  await db
    .insertInto('settings')
    .values({ name, value: create() })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const row = await db
    .selectFrom('settings')
    .select('value')
    .where('name', '=', name)
    .executeTakeFirstOrThrow();
  return row.value;
}
