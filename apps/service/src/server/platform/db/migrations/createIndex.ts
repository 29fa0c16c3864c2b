import type { CreateIndexBuilder, Kysely } from 'kysely';

type Index = CreateIndexBuilder<string>;

/**
 * Makes the index `name` of `table` on `columns`, in order. `make` makes it more: unique
 * (`(index) => index.unique()`) or partial (`(index) => index.where(…)`).
 */
export async function createIndex(
  db: Kysely<unknown>,
  name: string,
  table: string,
  columns: string[],
  make: (index: Index) => Index = (index) => index,
): Promise<void> {
  await make(db.schema.createIndex(name).on(table).columns(columns)).execute();
}
