import SQLite from 'better-sqlite3';
import { describe, expect, it, vi } from 'vitest';
import { reuseStatements } from './reuseStatements.ts';

describe('reuseStatements', () => {
  it('prepares a statement once and hands it out again', () => {
    const sqlite = new SQLite(':memory:');
    sqlite.exec('create table t (id integer primary key, v text)');
    const prepare = vi.spyOn(sqlite, 'prepare');
    const statement = reuseStatements(sqlite);
    for (const v of ['a', 'b', 'c']) statement('insert into t (v) values (?)').run(v);
    const rows = statement('select v from t order by id').all();
    expect(rows).toEqual([{ v: 'a' }, { v: 'b' }, { v: 'c' }]);
    expect(prepare).toHaveBeenCalledTimes(2);
    sqlite.close();
  });
});
