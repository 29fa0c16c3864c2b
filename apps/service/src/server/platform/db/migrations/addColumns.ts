import type { ColumnDataType, ColumnDefinitionBuilderCallback, Kysely } from 'kysely';

/**
 * Adds columns of one type and one constraint (none: nullable) to a table that exists, in
 * order, one statement each: SQLite adds one column a statement.
 */
export async function addColumns(
  db: Kysely<unknown>,
  table: string,
  names: readonly string[],
  type: ColumnDataType = 'text',
  constraint?: ColumnDefinitionBuilderCallback,
): Promise<void> {
  for (const name of names) {
    await db.schema.alterTable(table).addColumn(name, type, constraint).execute();
  }
}
