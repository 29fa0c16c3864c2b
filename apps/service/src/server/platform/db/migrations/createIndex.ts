import type { Kysely } from 'kysely';

/**
 * `create index <name> on <table> (<columns>)`, to execute; `.unique()` and `.where(…)` make it
 * a unique or a partial one.
 */
export const createIndex = (db: Kysely<unknown>, name: string, table: string, columns: string[]) =>
  db.schema.createIndex(name).on(table).columns(columns);
