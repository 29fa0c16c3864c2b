import type SQLite from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';

/** What the embedded database has run: statements (not counting begin/commit) and commits. */
export interface DatabaseCounts {
  statements: number;
  commits: number;
}

/** Prepared statements kept; a service's queries are far fewer. */
const STATEMENTS_KEPT = 500;

/**
 * Gives Kysely a better-sqlite3 database whose statements are prepared once and reused
 * (Kysely's driver prepares every query anew otherwise), and counts what runs: statements,
 * and commits, whether explicit or a write outside a transaction.
 */
export function reuseStatements(sqlite: SQLite.Database, counts: DatabaseCounts): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql) {
      let statement = cache.get(sql);
      if (statement) {
        // Most recently used last, so the oldest is the first to go.
        cache.delete(sql);
      } else {
        statement = sqlite.prepare(sql);
        if (cache.size >= STATEMENTS_KEPT) cache.delete(cache.keys().next().value ?? '');
      }
      cache.set(sql, statement);
      const command = /^\s*(begin|commit|rollback|savepoint|release)\b/i.exec(sql)?.[1];
      if (command?.toLowerCase() === 'commit') counts.commits += 1;
      if (!command) {
        counts.statements += 1;
        // `readonly`, not `reader`: an INSERT ... RETURNING returns rows and still commits.
        if (!statement.readonly && !sqlite.inTransaction) counts.commits += 1;
      }
      return statement;
    },
  };
}
