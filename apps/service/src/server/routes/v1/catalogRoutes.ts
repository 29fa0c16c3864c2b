import { Hono } from 'hono';
import { toRestModelList } from '../../gateway/catalog/toRestModelList.ts';
import { toRestServices } from '../../gateway/catalog/toRestServices.ts';
import type { Services } from '../../Services.ts';
import type { MerchantApiEnv } from './MerchantApiEnv.ts';

/**
 * What the gateway serves: `GET /v1/models` (`lava.models.list()`, OpenAI's list shape) and
 * `GET /v1/services` (every priced model with its list prices, and the providers, `managed`
 * when this service holds a key for one; `?provider=` keeps one provider's slice).
 */
export function catalogRoutes(services: Services): Hono<MerchantApiEnv> {
  const app = new Hono<MerchantApiEnv>();
  app.get('/models', (c) => c.json(toRestModelList()));
  app.get('/services', (c) =>
    c.json(toRestServices(services.gateway.providers, c.req.query('provider') || undefined)),
  );
  return app;
}
