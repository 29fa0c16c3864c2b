import type { Kysely } from 'kysely';

/**
 * Lets columns of a table that exists hold `null`, in place, one statement each. PostgreSQL
 * only: SQLite cannot drop a NOT NULL, and makes the table again instead (see `rebuildTable`).
 */
export async function dropNotNull(
  db: Kysely<unknown>,
  table: string,
  columns: readonly string[],
): Promise<void> {
  for (const column of columns) {
    await db.schema
      .alterTable(table)
      .alterColumn(column, (c) => c.dropNotNull())
      .execute();
  }
}
