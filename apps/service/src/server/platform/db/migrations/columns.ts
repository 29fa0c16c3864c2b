import type { ColumnDataType, ColumnDefinitionBuilderCallback, CreateTableBuilder } from 'kysely';

type Columns = (table: CreateTableBuilder<string, string>) => CreateTableBuilder<string, string>;

const notNull: ColumnDefinitionBuilderCallback = (c) => c.notNull();

/** Columns of one type and one constraint (none: nullable), in order. */
const of =
  (
    type: ColumnDataType,
    names: readonly string[],
    constraint?: ColumnDefinitionBuilderCallback,
  ): Columns =>
  (table) =>
    names.reduce((built, name) => built.addColumn(name, type, constraint), table);

/**
 * The kinds of column the migrations make a table of, each a group of columns for `$call`, in
 * the order given. Each makes its columns exactly as the migrations wrote them out before: what
 * a kind makes is frozen, as changing it changes the schema of every database migrated since.
 */
export const columns = {
  /** The text id a table of things is keyed by. */
  id: ((table) => table.addColumn('id', 'text', (c) => c.primaryKey())) as Columns,
  /** The merchant a row belongs to: required, and one of `merchants`. */
  merchant: ((table) =>
    table.addColumn('merchant_id', 'text', (c) =>
      c.notNull().references('merchants.id'),
    )) as Columns,
  /** Nullable text. */
  text: (names: readonly string[]) => of('text', names),
  /** Required text. */
  required: (names: readonly string[]) => of('text', names, notNull),
  /** Counters (and flags): whole numbers, 0 until written. */
  counters: (names: readonly string[]) => of('integer', names, (c) => c.notNull().defaultTo(0)),
  /** Any other type and constraint. */
  of,
};
