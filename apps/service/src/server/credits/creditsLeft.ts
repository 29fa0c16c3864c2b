import type { Tables } from '../platform/db/Database.ts';
import { Money } from '../platform/money/Money.ts';

/** A subscription's credits now: the cycle's included credit left, and bundle credits left. */
export interface CreditsLeft {
  cycle: Money;
  bundle: Money;
}

/**
 * What a subscription has left: its plan's included credit less what the current cycle used
 * (a balance kept for an earlier cycle counts as unused), and what its bundles have left.
 */
export function creditsLeft(
  subscription: Pick<Tables['subscriptions'], 'cycle_start_at'>,
  includedCredit: string,
  balance: Pick<
    Tables['credit_balances'],
    'cycle_start_at' | 'cycle_used' | 'bundle_remaining'
  > | null,
): CreditsLeft {
  const used =
    balance && balance.cycle_start_at === subscription.cycle_start_at ? balance.cycle_used : '0';
  return {
    cycle: Money.max(0, new Money(includedCredit).minus(used)),
    bundle: new Money(balance?.bundle_remaining ?? '0'),
  };
}
