import type { LavaRequest } from '../LavaRequest.ts';
import type {
  CreateCustomerParams,
  RestCustomer,
  RestSubscriptionBase,
  UpdateCustomerParams,
} from '../restTypes.ts';
import { collectionResource } from './collectionResource.ts';

/** `lava.customers`: made by checkout or by you; `id` is `con_...` or your reference id. */
export function customersResource(request: LavaRequest) {
  return {
    ...collectionResource<
      RestCustomer,
      CreateCustomerParams,
      UpdateCustomerParams,
      RestCustomer,
      { success: boolean }
    >(request, 'customers'),
    /** The active subscription, with its plan and the credits left; `null` when there is none. */
    getSubscription: (id: string) =>
      request<{ subscription: RestSubscriptionBase | null }>(
        'GET',
        `customers/${encodeURIComponent(id)}/subscription`,
      ),
  };
}
