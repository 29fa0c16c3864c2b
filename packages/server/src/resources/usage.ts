import type { LavaRequest, RequestOptions } from '../LavaRequest.ts';
import type {
  CreateRequestParams,
  ListResponse,
  RequestsListParams,
  RestRequest,
  RestUsage,
  UsageParams,
} from '../restTypes.ts';

const filters = (metadata?: Record<string, string>) =>
  metadata ? JSON.stringify(Object.entries(metadata)) : undefined;

/** `lava.requests`: usage recorded against a customer and a meter. */
export function requestsResource(request: LavaRequest) {
  return {
    list: ({ metadata_filters, ...params }: RequestsListParams = {}) =>
      request<ListResponse<RestRequest>>('GET', 'requests', {
        query: { ...params, metadata_filters: filters(metadata_filters) },
      }),
    create: (params: CreateRequestParams, options?: RequestOptions) =>
      request<RestRequest>('POST', 'requests', { body: params, ...options }),
    retrieve: (id: string) => request<RestRequest>('GET', `requests/${encodeURIComponent(id)}`),
  };
}

/** `lava.usage`: usage summed by day. */
export function usageResource(request: LavaRequest) {
  return {
    retrieve: ({ metadata_filters, ...params }: UsageParams) =>
      request<RestUsage>('GET', 'usage', {
        query: { ...params, metadata_filters: filters(metadata_filters) },
      }),
  };
}
