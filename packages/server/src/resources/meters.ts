import type { LavaRequest } from '../LavaRequest.ts';
import type { CreateMeterParams, RestMeter, UpdateMeterParams } from '../restTypes.ts';
import { collectionResource } from './collectionResource.ts';

/** `lava.meters`: what usage costs, tier by tier. */
export function metersResource(request: LavaRequest) {
  return collectionResource<RestMeter, CreateMeterParams, UpdateMeterParams>(request, 'meters');
}
