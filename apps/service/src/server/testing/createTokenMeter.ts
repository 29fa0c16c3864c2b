import type { MerchantApi } from './merchantApi.ts';

/** Creates, through the REST API, a fixed meter named `name` at 3.00 a million tokens: its id. */
export async function createTokenMeter(api: MerchantApi, name: string): Promise<string> {
  const created = await api<{ meter_id: string }>('POST', 'meters', {
    name,
    rate_type: 'fixed',
    tier_type: 'tokens_1m',
    tiers: [{ start: '0', rate: '3.00' }],
  });
  return created.body.meter_id;
}
