import { readOriginParam } from './readOriginParam.ts';
import { type ParamRefusal, refuseParam } from './refuseParam.ts';

/** Whose account to open, and from which site. The field names are the Lava REST API's. */
export interface CustomerSessionParams {
  /** The customer: the `con_...` id checkout reported, or your reference id. */
  customer_id: string;
  /** The origin of the page that reads the account, e.g. `https://yourapp.com`. */
  origin_url: string;
}

/** Customer session parameters, checked: a bare origin and a customer id. */
export interface CheckedCustomerSessionParams {
  customerId: string;
  origin: string;
}

export type ReadCustomerSessionParamsResult =
  | { ok: true; params: CheckedCustomerSessionParams }
  | ParamRefusal;

/**
 * Checks the parameters of a customer session, the same way for the server helper and the REST
 * API: a customer id and the origin of one real site. Never throws.
 */
export function readCustomerSessionParams(input: unknown): ReadCustomerSessionParamsResult {
  if (typeof input !== 'object' || input === null) {
    return refuseParam('params', 'it is not an object', 'Pass { customer_id, origin_url }');
  }
  const p = input as Record<string, unknown>;
  const customerId = p.customer_id;
  if (typeof customerId !== 'string' || customerId.length === 0 || customerId.length > 255) {
    return refuseParam(
      'customer_id',
      'it must be a non-empty string of at most 255 characters',
      'Pass the con_... id that checkout reported for the customer, or your reference_id',
    );
  }
  const origin = readOriginParam(p.origin_url, 'reads the account');
  if (!origin.ok) return origin;
  return { ok: true, params: { customerId, origin: origin.origin } };
}
