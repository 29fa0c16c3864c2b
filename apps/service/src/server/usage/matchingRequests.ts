import type { Services } from '../Services.ts';
import {
  type ReadOrder,
  type RequestKey,
  requestsInScope,
  type UsageScope,
  withFilters,
  withinSlice,
} from './usageScope.ts';

/**
 * The scope's requests past `after` and up to `through`, in `order`, that pass its meter and
 * metadata filters: what a list or a summary reads of one slice.
 */
export function matchingRequests(
  deps: Pick<Services, 'db' | 'dialect'>,
  scope: UsageScope,
  order: ReadOrder,
  after: RequestKey | undefined,
  through?: RequestKey,
) {
  return withFilters(
    withinSlice(requestsInScope(deps.db, scope), order, after, through),
    deps.dialect,
    scope,
  );
}
