import { chargeDescription } from '../payments/chargeDescription.ts';
import { chargePayment } from '../payments/chargePayment.ts';
import { type SettleOutcome, settlePayment } from '../payments/settlePayment.ts';
import { type Param, prepareQuery } from '../platform/db/prepareQuery.ts';
import type { Services } from '../Services.ts';
import { claimTopUp, type TopUpClaim } from './claimTopUp.ts';
import { readCreditUnits } from './creditUnits.ts';

// Prepared: it runs after every settled gateway call, where building it cost more than running it.
const findAccount = prepareQuery((db, param: Param<{ customer_id: string }>) =>
  db
    .selectFrom('credit_accounts')
    .select(['available', 'reserved'])
    .where('customer_id', '=', param('customer_id')),
);

export type AutoTopUpOutcome = Exclude<TopUpClaim, { kind: 'claimed' }> | SettleOutcome;

/**
 * Tops a customer's credits up if they ran out: when the credits free (available less what
 * calls in flight hold) are at or below `threshold` (0 unless told: what `POST /v1/requests` and
 * the gateway pass after a draw), buys the subscription's auto top-up bundle off-session with
 * the card on file, through the purchase pipeline: claim (`claimTopUp`: one top-up at a time per
 * customer, the cap per cycle, no retry of a declined card that cycle), charge, settle
 * (`recordTopUp` on success). One read when nothing ran out. A crash between charge and record
 * is settled by payment recovery, as for any payment.
 */
export async function maybeAutoTopUp(
  deps: Pick<Services, 'db' | 'payments' | 'now'>,
  input: {
    customerId: string;
    threshold?: bigint;
    /** What the credits must cover once topped up (a refused call's hold): else no top-up. */
    need?: bigint;
  },
): Promise<AutoTopUpOutcome> {
  const threshold = input.threshold ?? 0n;
  const [account] = (await findAccount(deps.db, { customer_id: input.customerId })).rows;
  if (!account) return { kind: 'not_needed' };
  const free = readCreditUnits(account.available) - readCreditUnits(account.reserved);
  if (free > threshold) return { kind: 'not_needed' };
  const claim = await claimTopUp(deps, {
    customerId: input.customerId,
    threshold,
    need: input.need,
  });
  if (claim.kind !== 'claimed') return claim;
  const charge = await chargePayment(
    deps.payments,
    claim.payment,
    chargeDescription(claim.description.merchantName, claim.description.bundleName),
  );
  return settlePayment(deps, claim.payment, charge, claim.context);
}
