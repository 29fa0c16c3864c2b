import type { Context } from 'hono';
import type { Selectable } from 'kysely';
import { z } from 'zod';
import type { Db, Tables } from '../../platform/db/Database.ts';
import { liveRowsOf } from '../../platform/db/liveRowsOf.ts';
import { listPage } from '../../platform/http/listPage.ts';
import { listQuery } from '../../platform/http/merchantSchemas.ts';
import { readMerchantQuery } from '../../platform/http/readMerchantInput.ts';
import type { MerchantApiEnv } from './MerchantApiEnv.ts';

/**
 * A page of a list endpoint: the calling merchant's rows of `table` that are not deleted, after
 * the request's cursor, up to its limit, each as `present` makes it.
 */
export function listMerchantRows<T extends Parameters<typeof liveRowsOf>[1], R>(
  c: Context<MerchantApiEnv>,
  db: Db,
  table: T,
  present: (row: Selectable<Tables[T]>) => R | Promise<R>,
) {
  const query = readMerchantQuery(c, z.strictObject(listQuery));
  // Every one of these tables has a string id, which TypeScript cannot see through the generic.
  const rows = liveRowsOf(db, table, c.get('merchant').id) as (
    before: string | undefined,
    take: number,
  ) => Promise<(Selectable<Tables[T]> & { id: string })[]>;
  return listPage(query, rows, present);
}
