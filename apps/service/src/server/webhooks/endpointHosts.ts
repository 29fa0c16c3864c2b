import type { PublicHostPolicy } from '../platform/http/resolvePublicHost.ts';
import type { Services } from '../Services.ts';

/** Which hosts may receive webhooks: public ones, and loopback outside production. */
export const endpointHosts = (
  services: Pick<Services, 'production' | 'resolveHost'>,
): PublicHostPolicy => ({
  allowLoopback: !services.production,
  resolve: services.resolveHost,
});
