import { sql } from 'kysely';
import type { Db } from '../platform/db/Database.ts';
import { readCreditUnits } from './creditUnits.ts';

/** What is left of a customer's credits, in credit units. */
export interface Balance {
  total: bigint;
  /** Cycle and rollover credit. */
  cycle: bigint;
  /** Bundle, top-up and adjustment credit. */
  bundle: bigint;
}

/** The SQL sums a balance is read from: what is left of live (unexpired) grants, by kind. */
export const balanceSums = (at: string) => ({
  cycle: sql<
    number | string | null
  >`sum(case when credit_grants.source in ('cycle', 'rollover') and (credit_grants.expires_at is null or credit_grants.expires_at > ${at}) then credit_grants.remaining else 0 end)`,
  bundle: sql<
    number | string | null
  >`sum(case when credit_grants.source not in ('cycle', 'rollover') and (credit_grants.expires_at is null or credit_grants.expires_at > ${at}) then credit_grants.remaining else 0 end)`,
});

/** A balance from its sums. */
export function toBalance(sums: {
  cycle: number | string | bigint | null;
  bundle: number | string | bigint | null;
}): Balance {
  const cycle = readCreditUnits(sums.cycle);
  const bundle = readCreditUnits(sums.bundle);
  return { total: cycle + bundle, cycle, bundle };
}

/**
 * A customer's credits left at `at`, or one subscription's (the grants given for it): what is
 * left of their unexpired grants, by kind. Reservations in flight are not taken off.
 */
export async function balanceOf(
  db: Db,
  owner: { customerId: string } | { subscriptionId: string },
  at: Date,
): Promise<Balance> {
  const sums = balanceSums(at.toISOString());
  const row = await db
    .selectFrom('credit_grants')
    .select([sums.cycle.as('cycle'), sums.bundle.as('bundle')])
    .where(
      'customerId' in owner
        ? sql<boolean>`customer_id = ${owner.customerId}`
        : sql<boolean>`subscription_id = ${owner.subscriptionId}`,
    )
    .executeTakeFirst();
  return toBalance(row ?? { cycle: 0, bundle: 0 });
}
