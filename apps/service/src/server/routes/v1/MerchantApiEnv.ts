import type { AuthenticatedMerchant } from '../../merchants/authenticateMerchant.ts';

/** What the REST API's middleware hands its routes: the merchant the key belongs to. */
export type MerchantApiEnv = { Variables: { merchant: AuthenticatedMerchant } };
