import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Db } from '../platform/db/Database.ts';
import { type ReadOrder, type RequestKey, sliceEnd, type UsageScope } from './usageScope.ts';

/** The requests past `after` and up to `through`; without `through`, all that are left. */
export interface Slice {
  after: RequestKey | undefined;
  through: RequestKey | undefined;
}

/**
 * The slices of a reading of the scope's requests, in `read.order` from `read.after` (and from
 * `read.start` to before `read.end`): `sizes.slice` requests each, `sizes.max` in all. The last
 * slice has no `through` when the requests ran out before. Before each slice but the first, the
 * requests that came meanwhile run.
 */
export async function* readSlices(
  db: Db,
  scope: UsageScope,
  read: { order: ReadOrder; after: RequestKey | undefined; start?: string; end?: string },
  sizes: { slice: number; max: number },
): AsyncGenerator<Slice> {
  let after = read.after;
  for (let done = 0; done < sizes.max; ) {
    if (done > 0) await nextTurn();
    const size = Math.min(sizes.slice, sizes.max - done);
    const through = await sliceEnd(db, scope, { ...read, after }, size);
    yield { after, through };
    if (!through) return;
    done += size;
    after = through;
  }
}
