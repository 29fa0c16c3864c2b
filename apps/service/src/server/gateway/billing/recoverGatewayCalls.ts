import { recoverReservations } from '../../credits/recoverReservations.ts';
import type { Services } from '../../Services.ts';

/**
 * The gateway's part of recovery: bills at their estimate the calls whose reservation was left
 * open past its bound (their process stopped mid-call), or, with `all` (the start of the
 * embedded database's only process), every open one.
 */
export async function recoverGatewayCalls(
  services: Pick<Services, 'db' | 'now'>,
  all: boolean,
): Promise<number> {
  const settled = await recoverReservations(services, { all });
  if (settled > 0) {
    console.log(`Lava Checkout: recovery billed ${settled} gateway call(s) at their estimate.`);
  }
  return settled;
}
