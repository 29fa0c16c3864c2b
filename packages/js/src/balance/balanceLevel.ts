import type { LavaBalanceState } from './LavaBalanceState.ts';

/** Below this share of the plan's included credit, a balance shows as low. */
const LOW_SHARE = 0.1;

/**
 * How full a balance is, for styling it: `zero` with nothing left, `low` below a tenth of the
 * plan's included credit (below $1 without a plan), else `normal`; `null` before it is known.
 */
export function balanceLevel(state: LavaBalanceState): 'zero' | 'low' | 'normal' | null {
  if (!state.credits) return null;
  const total = Number(state.credits.total);
  if (total <= 0) return 'zero';
  const included = Number(state.plan?.included_credit ?? 0);
  return total < (included > 0 ? included * LOW_SHARE : 1) ? 'low' : 'normal';
}
