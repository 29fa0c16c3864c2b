import type { MerchantApi } from './merchantApi.ts';

/**
 * Two more plans of the merchant `api` calls as, made through the REST API beside its Pro Plan:
 * Lite (9.00 a month, 5.00 included) and Max (99.00 a month, 80.00 included). Their ids.
 */
export async function liteAndMaxPlans(api: MerchantApi): Promise<{ lite: string; max: string }> {
  const plan = async (name: string, price: string, included: string) =>
    (
      await api<{ plan_id: string }>('POST', 'plans', {
        name,
        period_amount: price,
        billing_interval: 'month',
        included_credit: included,
      })
    ).body.plan_id;
  return { lite: await plan('Lite', '9.00', '5.00'), max: await plan('Max', '99.00', '80.00') };
}
