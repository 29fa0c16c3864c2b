import { sql } from 'kysely';
import type { Db } from '../platform/db/Database.ts';
import { readCreditUnits } from './creditUnits.ts';

/** A stored number that disagrees with the entries it should be the sum of. */
export interface LedgerMismatch {
  what: 'grant_remaining' | 'account_available' | 'account_reserved' | 'account_overage_due';
  /** The grant's or the customer's id. */
  id: string;
  stored: bigint;
  summed: bigint;
}

/**
 * Checks the ledger against itself: each grant's `remaining` equals the sum of its entries;
 * each account's `available` equals what is left of its customer's grants, `reserved` what
 * its open reservations hold, and `overage_due` the sum of its overage entries. Returns every
 * mismatch (none: the ledger adds up).
 */
export async function checkLedger(db: Db): Promise<LedgerMismatch[]> {
  const mismatches: LedgerMismatch[] = [];
  const grants = await db
    .selectFrom('credit_grants')
    .leftJoin('credit_entries', 'credit_entries.grant_id', 'credit_grants.id')
    .select([
      'credit_grants.id',
      'credit_grants.remaining',
      sql<string | number | null>`sum(credit_entries.amount)`.as('summed'),
    ])
    .groupBy(['credit_grants.id', 'credit_grants.remaining'])
    .execute();
  for (const grant of grants) {
    const stored = readCreditUnits(grant.remaining);
    const summed = readCreditUnits(grant.summed);
    if (stored !== summed) {
      mismatches.push({ what: 'grant_remaining', id: grant.id, stored, summed });
    }
  }
  const accounts = await db
    .selectFrom('credit_accounts')
    .select([
      'customer_id',
      'available',
      'reserved',
      'overage_due',
      (eb) =>
        eb
          .selectFrom('credit_grants')
          .select(sql<string | number | null>`sum(remaining)`.as('s'))
          .whereRef('credit_grants.customer_id', '=', 'credit_accounts.customer_id')
          .as('grants_left'),
      (eb) =>
        eb
          .selectFrom('credit_reservations')
          .select(sql<string | number | null>`sum(amount)`.as('s'))
          .whereRef('credit_reservations.customer_id', '=', 'credit_accounts.customer_id')
          .where('credit_reservations.status', '=', 'open')
          .as('open_reserved'),
      (eb) =>
        eb
          .selectFrom('credit_entries')
          .select(sql<string | number | null>`sum(amount)`.as('s'))
          .whereRef('credit_entries.customer_id', '=', 'credit_accounts.customer_id')
          .where('credit_entries.kind', '=', 'overage')
          .as('overage'),
    ])
    .execute();
  for (const account of accounts) {
    const id = account.customer_id;
    const pairs = [
      ['account_available', account.available, readCreditUnits(account.grants_left)],
      ['account_reserved', account.reserved, readCreditUnits(account.open_reserved)],
      ['account_overage_due', account.overage_due, -readCreditUnits(account.overage)],
    ] as const;
    for (const [what, value, summed] of pairs) {
      const stored = readCreditUnits(value);
      if (stored !== summed) mismatches.push({ what, id, stored, summed });
    }
  }
  return mismatches;
}
