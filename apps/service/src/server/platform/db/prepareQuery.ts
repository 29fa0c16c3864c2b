import type { Compilable, CompiledQuery, QueryResult } from 'kysely';
import type { Db } from './Database.ts';

/** Stands in a query, at build time, for a value given at each run: no real value looks so. */
const MARK = '\u0000lava-checkout-param:';

/** Names a value a prepared query takes at each run; typed as the value it stands for. */
export type Param<P> = <K extends keyof P & string>(name: K) => P[K];

/** Runs a prepared query with the values of this run, on a database or in a transaction. */
export type PreparedQuery<P, O> = (db: Db, params: P) => Promise<QueryResult<O>>;

interface Template<O> {
  query: CompiledQuery<O>;
  /** For each parameter of the compiled query: the name of the value it takes, or `null`. */
  slots: (string | null)[];
}

/**
 * A query written with Kysely once, then built and compiled once per database dialect instead
 * of on every request: where a value changes between runs the query holds `param(name)`, and
 * each run passes the values by name. The hot path of a checkout runs this way; building and
 * compiling a query otherwise costs more CPU than SQLite takes to run it.
 *
 * Values must travel as parameters: a query that inlines one (`sql.lit`), or a list whose
 * length varies (`in`), cannot be prepared, and preparing it throws.
 *
 * @example
 * const findSession = prepareQuery((db, param: Param<{ id: string }>) =>
 *   db.selectFrom('checkout_sessions').selectAll().where('id', '=', param('id')),
 * );
 * const { rows } = await findSession(db, { id });
 */
export function prepareQuery<P extends Record<string, unknown>, O>(
  build: (db: Db, param: Param<P>) => Compilable<O>,
): PreparedQuery<P, O> {
  // Dialects compile differently (`?` or `$1`); a transaction shares its database's adapter.
  const templates = new WeakMap<object, Template<O>>();
  const compile = (db: Db): Template<O> => {
    const named = new Set<string>();
    const param = ((name: string) => {
      named.add(name);
      return `${MARK}${name}`;
    }) as Param<P>;
    const query = build(db, param).compile();
    const slots = query.parameters.map((value) =>
      typeof value === 'string' && value.startsWith(MARK) ? value.slice(MARK.length) : null,
    );
    const missing = [...named].filter((name) => !slots.includes(name));
    if (query.sql.includes(MARK) || missing.length > 0) {
      throw new Error(
        `Lava Checkout: a prepared query does not take ${missing.join(', ') || 'a value'} as a parameter. Write it so every value is a parameter (no sql.lit, no lists).`,
      );
    }
    return { query, slots };
  };
  return async (db, params) => {
    const { adapter } = db.getExecutor();
    let template = templates.get(adapter);
    if (!template) {
      template = compile(db);
      templates.set(adapter, template);
    }
    const { query, slots } = template;
    const parameters = slots.map((name, i) => {
      if (name === null) return query.parameters[i];
      const value = params[name];
      if (value === undefined) {
        throw new Error(
          `Lava Checkout: a prepared query ran without "${name}". Pass every value it names (null for none).`,
        );
      }
      return value;
    });
    return db.executeQuery<O>({ ...query, parameters });
  };
}
