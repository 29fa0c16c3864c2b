import type { LavaRequest, RequestOptions } from '../LavaRequest.ts';
import type { DeletedResponse, ListResponse, PaginationParams } from '../restTypes.ts';

/**
 * The five calls of the REST collection at `collection` (`'meters'`, `'webhooks'`, …): list a
 * page of it, and create (with an optional idempotency key), retrieve, update or delete one.
 */
export function collectionResource<Item, Create, Update, Created = Item, Deleted = DeletedResponse>(
  request: LavaRequest,
  collection: string,
) {
  const path = (id: string) => `${collection}/${encodeURIComponent(id)}`;
  return {
    list: (params: PaginationParams = {}) =>
      request<ListResponse<Item>>('GET', collection, { query: { ...params } }),
    retrieve: (id: string) => request<Item>('GET', path(id)),
    create: (params: Create, options?: RequestOptions) =>
      request<Created>('POST', collection, { body: params, ...options }),
    update: (id: string, params: Update) => request<Item>('PATCH', path(id), { body: params }),
    delete: (id: string) => request<Deleted>('DELETE', path(id)),
  };
}
