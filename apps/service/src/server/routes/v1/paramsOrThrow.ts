import { ServiceError } from '../../platform/ServiceError.ts';

/**
 * The params a protocol reader (`readCheckoutSessionParams`, `readCustomerSessionParams`)
 * accepted, or the 400 that names the param at fault, what is wrong and how to fix it.
 */
export function paramsOrThrow<P>(
  checked: { ok: true; params: P } | { ok: false; param: string; reason: string; fix: string },
): P {
  if (checked.ok) return checked.params;
  throw new ServiceError(
    'invalid_request',
    `Lava Checkout: ${checked.param} is invalid: ${checked.reason}. ${checked.fix}.`,
    { param: checked.param },
  );
}
