import type { LavaRequest, RequestOptions } from '../LavaRequest.ts';
import type {
  CreateCustomerParams,
  ListResponse,
  PaginationParams,
  RestCustomer,
  RestSubscriptionBase,
  UpdateCustomerParams,
} from '../restTypes.ts';

/** `lava.customers`: made by checkout or by you; `id` is `con_...` or your reference id. */
export function customersResource(request: LavaRequest) {
  const path = (id: string) => `customers/${encodeURIComponent(id)}`;
  return {
    create: (params: CreateCustomerParams, options?: RequestOptions) =>
      request<RestCustomer>('POST', 'customers', { body: params, ...options }),
    list: (params: PaginationParams = {}) =>
      request<ListResponse<RestCustomer>>('GET', 'customers', { query: { ...params } }),
    retrieve: (id: string) => request<RestCustomer>('GET', path(id)),
    update: (id: string, params: UpdateCustomerParams) =>
      request<RestCustomer>('PATCH', path(id), { body: params }),
    /** The active subscription, with its plan and the credits left; `null` when there is none. */
    getSubscription: (id: string) =>
      request<{ subscription: RestSubscriptionBase | null }>('GET', `${path(id)}/subscription`),
    delete: (id: string) => request<{ success: boolean }>('DELETE', path(id)),
  };
}
