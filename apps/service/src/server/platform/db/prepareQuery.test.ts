import { sql } from 'kysely';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DIALECTS, openTestDatabase } from '../../testing/testDatabases.ts';
import type { Db } from './Database.ts';
import { type Param, prepareQuery } from './prepareQuery.ts';

let db: Db | undefined;
afterEach(async () => {
  await db?.destroy();
  db = undefined;
});

const insertSetting = prepareQuery((db, param: Param<{ name: string; value: string }>) =>
  db
    .insertInto('settings')
    .values({ name: param('name'), value: param('value') })
    .onConflict((oc) => oc.column('name').doNothing()),
);
const findSettings = prepareQuery((db, param: Param<{ prefix: string }>) =>
  db
    .selectFrom('settings')
    .select(['name', 'value'])
    .where('name', 'like', param('prefix'))
    // A constant stays in the query as it was written.
    .where('value', '!=', 'hidden')
    .orderBy('name'),
);

describe.each(DIALECTS)('prepareQuery on %s', (dialect) => {
  it('runs one query with new values each time, in and out of transactions', async () => {
    db = (await openTestDatabase(dialect)).db;
    const open = db;
    expect((await insertSetting(open, { name: 'a.1', value: 'one' })).numAffectedRows).toBe(1n);
    expect((await insertSetting(open, { name: 'a.1', value: 'again' })).numAffectedRows).toBe(0n);
    await open.transaction().execute(async (trx) => {
      await insertSetting(trx, { name: 'a.2', value: 'two' });
      await insertSetting(trx, { name: 'a.3', value: 'hidden' });
      await insertSetting(trx, { name: 'b.1', value: 'other' });
    });
    const { rows } = await findSettings(open, { prefix: 'a.%' });
    expect(rows).toEqual([
      { name: 'a.1', value: 'one' },
      { name: 'a.2', value: 'two' },
    ]);
  });

  it('builds and compiles the query once', async () => {
    db = (await openTestDatabase(dialect)).db;
    const build = vi.fn((db: Db, param: Param<{ name: string }>) =>
      db.selectFrom('settings').select('value').where('name', '=', param('name')),
    );
    const find = prepareQuery(build);
    await find(db, { name: 'x' });
    await db.transaction().execute((trx) => find(trx, { name: 'y' }));
    expect(build).toHaveBeenCalledTimes(1);
  });

  it('refuses a run without a value it names, and a query that inlines one', async () => {
    db = (await openTestDatabase(dialect)).db;
    const open = db;
    await expect(findSettings(open, {} as { prefix: string })).rejects.toThrow(
      'Lava Checkout: a prepared query ran without "prefix". Pass every value it names (null for none).',
    );
    const inlined = prepareQuery((db, param: Param<{ name: string }>) =>
      db
        .selectFrom('settings')
        .selectAll()
        .where('name', '=', sql.lit(param('name'))),
    );
    await expect(inlined(open, { name: 'x' })).rejects.toThrow(
      'Lava Checkout: a prepared query does not take name as a parameter.',
    );
  });
});
