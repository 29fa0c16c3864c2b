import type { LavaRequest } from '../LavaRequest.ts';
import type {
  CreatePlanParams,
  ListResponse,
  PaginationParams,
  RestPlan,
  RestSubscription,
  UpdatePlanParams,
} from '../restTypes.ts';
import { collectionResource } from './collectionResource.ts';

/** `lava.subscriptions`: plans, and who is subscribed to them (subscriptions start in checkout). */
export function subscriptionsResource(request: LavaRequest) {
  const plans = collectionResource<RestPlan, CreatePlanParams, UpdatePlanParams>(request, 'plans');
  const subscription = (id: string) => `subscriptions/${encodeURIComponent(id)}`;
  return {
    listPlans: plans.list,
    retrievePlan: plans.retrieve,
    createPlan: plans.create,
    updatePlan: plans.update,
    deletePlan: plans.delete,
    list: (
      params: PaginationParams & {
        /** @default 'active' */
        status?: 'active' | 'cancelled' | 'all';
        customer_id?: string;
      } = {},
    ) => request<ListResponse<RestSubscription>>('GET', 'subscriptions', { query: { ...params } }),
    update: (id: string, params: { auto_top_up_bundle_id?: string | null }) =>
      request<{ success: boolean }>('PATCH', subscription(id), { body: params }),
    /** Cancels at once. */
    cancel: (id: string) => request<{ success: boolean }>('DELETE', subscription(id)),
  };
}
