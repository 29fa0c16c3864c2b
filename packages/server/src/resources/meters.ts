import type { LavaRequest, RequestOptions } from '../LavaRequest.ts';
import type {
  CreateMeterParams,
  DeletedResponse,
  ListResponse,
  PaginationParams,
  RestMeter,
  UpdateMeterParams,
} from '../restTypes.ts';

/** `lava.meters`: what usage costs, tier by tier. */
export function metersResource(request: LavaRequest) {
  return {
    list: (params: PaginationParams = {}) =>
      request<ListResponse<RestMeter>>('GET', 'meters', { query: { ...params } }),
    retrieve: (id: string) => request<RestMeter>('GET', `meters/${encodeURIComponent(id)}`),
    create: (params: CreateMeterParams, options?: RequestOptions) =>
      request<RestMeter>('POST', 'meters', { body: params, ...options }),
    update: (id: string, params: UpdateMeterParams) =>
      request<RestMeter>('PATCH', `meters/${encodeURIComponent(id)}`, { body: params }),
    delete: (id: string) => request<DeletedResponse>('DELETE', `meters/${encodeURIComponent(id)}`),
  };
}
