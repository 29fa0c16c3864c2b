import type { LavaRequest } from '../LavaRequest.ts';
import type { ListResponse, PaginationParams, RestCreditBundle } from '../restTypes.ts';

/** `lava.creditBundles`: the credit packs of your plans (made through the plans). */
export function creditBundlesResource(request: LavaRequest) {
  return {
    list: (params: PaginationParams & { plan_id?: string } = {}) =>
      request<ListResponse<RestCreditBundle>>('GET', 'credit_bundles', { query: { ...params } }),
    retrieve: (id: string) =>
      request<RestCreditBundle>('GET', `credit_bundles/${encodeURIComponent(id)}`),
  };
}
