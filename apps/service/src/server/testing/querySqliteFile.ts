import Database from 'better-sqlite3';

/**
 * The rows `sql` selects from an SQLite file, read by a connection of its own opened read-only
 * and closed again: how a test looks into a database another process is writing.
 */
export function querySqliteFile<T>(file: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}
