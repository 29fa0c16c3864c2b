import {
  type CreateTableBuilder,
  type Expression,
  type Kysely,
  type RawBuilder,
  SqliteAdapter,
  sql,
} from 'kysely';

/** How the rows of the table being made again are carried over. */
export interface RebuildOptions {
  /**
   * What a column of the new table is filled with, where it is not the old column of its name
   * (written against the old table, and the joined ones). A new column named neither here nor
   * in the old table is left `null` (or its default).
   */
  select?: Record<string, Expression<unknown>>;
  /** Tables joined to the old one, as `join t on …`: what `select` may read beside its rows. */
  join?: RawBuilder<unknown>;
  /** Which of the old rows are carried over; every one by default. */
  where?: RawBuilder<unknown>;
  /** What the new table is called until it takes the old one's place. @default `<table>_new` */
  as?: string;
}

/**
 * Makes a table again with the columns and constraints `define` gives it: the new table is
 * made beside the old one, the rows are copied (every column the two share, by name, and what
 * `select` fills), the old table is dropped, the new one takes its name, and the old table's
 * indexes are made again as they were. This is how SQLite changes a column's NOT NULL, a check
 * or a primary key, which it cannot alter in place.
 *
 * On SQLite it needs foreign keys off, or dropping the old table would take the rows that point
 * at it; `openDatabase` migrates with them off, then checks every foreign key.
 */
export async function rebuildTable(
  db: Kysely<unknown>,
  table: string,
  define: (builder: CreateTableBuilder<string, never>) => CreateTableBuilder<string, never>,
  options: RebuildOptions = {},
): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  if (sqlite) {
    const { rows } = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(db);
    if (rows[0]?.foreign_keys !== 0) {
      throw new Error(
        `Lava Checkout: making the ${table} table again needs foreign keys off, or dropping it would take the rows that point at it. Migrate through openDatabase, which turns them off.`,
      );
    }
  }
  const indexes = await indexDefinitions(db, table, sqlite);
  const building = options.as ?? `${table}_new`;
  await define(db.schema.createTable(building)).execute();

  const columnsOf = async (name: string) =>
    (await db.introspection.getTables()).find((t) => t.name === name)?.columns.map((c) => c.name) ??
    [];
  const old = new Set(await columnsOf(table));
  const filled = (await columnsOf(building)).filter(
    (column) => options.select?.[column] !== undefined || old.has(column),
  );
  const values = filled.map((column) => options.select?.[column] ?? sql.ref(`${table}.${column}`));
  await sql`insert into ${sql.table(building)} (${sql.join(filled.map((c) => sql.ref(c)))})
    select ${sql.join(values)} from ${sql.table(table)} ${options.join ?? sql``}
    ${options.where ? sql`where ${options.where}` : sql``}`.execute(db);

  // The tables whose foreign keys name the old table point at the new one once it is renamed.
  await db.schema.dropTable(table).execute();
  await db.schema.alterTable(building).renameTo(table).execute();
  for (const index of indexes) await sql.raw(index).execute(db);
}

/**
 * The statements that made a table's own indexes (not those a constraint of the table makes):
 * run again once the new table has the old one's name, they make the same indexes on it.
 */
async function indexDefinitions(
  db: Kysely<unknown>,
  table: string,
  sqlite: boolean,
): Promise<string[]> {
  const { rows } = sqlite
    ? await sql<{ definition: string }>`select sql as definition from sqlite_master
        where type = 'index' and tbl_name = ${table} and sql is not null order by rowid`.execute(db)
    : await sql<{ definition: string }>`select pg_get_indexdef(i.indexrelid) as definition
        from pg_index i
        where i.indrelid = to_regclass(${table})
          and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)
        order by i.indexrelid`.execute(db);
  return rows.map((row) => row.definition);
}
