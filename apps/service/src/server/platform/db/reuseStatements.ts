import type SQLite from 'better-sqlite3';

/** Prepared statements kept; a service's queries are far fewer. */
const STATEMENTS_KEPT = 500;

/**
 * Prepares each SQL text once and hands out the same statement after (Kysely's SQLite driver
 * prepares every query anew), keeping the most recently used.
 */
export function reuseStatements(sqlite: SQLite.Database): (sql: string) => SQLite.Statement {
  const cache = new Map<string, SQLite.Statement>();
  return (sql) => {
    let statement = cache.get(sql);
    if (statement) {
      // Most recently used last, so the oldest is the first to go.
      cache.delete(sql);
    } else {
      statement = sqlite.prepare(sql);
      if (cache.size >= STATEMENTS_KEPT) cache.delete(cache.keys().next().value ?? '');
    }
    cache.set(sql, statement);
    return statement;
  };
}
