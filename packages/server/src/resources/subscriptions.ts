import type { LavaRequest, RequestOptions } from '../LavaRequest.ts';
import type {
  CreatePlanParams,
  DeletedResponse,
  ListResponse,
  PaginationParams,
  RestPlan,
  RestSubscription,
  UpdatePlanParams,
} from '../restTypes.ts';

/** `lava.subscriptions`: plans, and who is subscribed to them (subscriptions start in checkout). */
export function subscriptionsResource(request: LavaRequest) {
  const plan = (id: string) => `plans/${encodeURIComponent(id)}`;
  const subscription = (id: string) => `subscriptions/${encodeURIComponent(id)}`;
  return {
    listPlans: (params: PaginationParams = {}) =>
      request<ListResponse<RestPlan>>('GET', 'plans', { query: { ...params } }),
    retrievePlan: (id: string) => request<RestPlan>('GET', plan(id)),
    createPlan: (params: CreatePlanParams, options?: RequestOptions) =>
      request<RestPlan>('POST', 'plans', { body: params, ...options }),
    updatePlan: (id: string, params: UpdatePlanParams) =>
      request<RestPlan>('PATCH', plan(id), { body: params }),
    deletePlan: (id: string) => request<DeletedResponse>('DELETE', plan(id)),
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
