import { sql } from 'kysely';
import { createId } from '../platform/createId.ts';
import type { CreditSource, Db } from '../platform/db/Database.ts';

export interface GrantInput {
  merchant: { id: string; environment: 'test' | 'live' };
  customerId: string;
  subscriptionId: string | null;
  source: CreditSource;
  /** In credit units (`toCreditUnits`); more than 0. */
  amount: bigint;
  /** For cycle and rollover credit: the cycle it is for. */
  cycleStartAt?: string | null;
  expiresAt?: string | null;
  paymentId?: string | null;
  at: Date;
}

/**
 * Gives a customer credits, inside the caller's transaction: a grant, its `grant` entry, and
 * the amount added to the customer's account (made on its first grant). Returns the grant's id.
 */
export async function grantCredits(trx: Db, input: GrantInput): Promise<string> {
  const { merchant, amount } = input;
  if (amount <= 0n) {
    throw new Error(`Lava Checkout: a credit grant must be more than 0, not ${amount} units.`);
  }
  const at = input.at.toISOString();
  const id = createId('cgr', merchant.environment);
  await trx
    .insertInto('credit_grants')
    .values({
      id,
      merchant_id: merchant.id,
      customer_id: input.customerId,
      subscription_id: input.subscriptionId,
      source: input.source,
      amount,
      remaining: amount,
      cycle_start_at: input.cycleStartAt ?? null,
      expires_at: input.expiresAt ?? null,
      payment_id: input.paymentId ?? null,
      created_at: at,
    })
    .execute();
  await trx
    .insertInto('credit_entries')
    .values({
      id: createId('cen', merchant.environment),
      merchant_id: merchant.id,
      customer_id: input.customerId,
      grant_id: id,
      kind: 'grant',
      amount,
      request_id: null,
      created_at: at,
    })
    .execute();
  await trx
    .insertInto('credit_accounts')
    .values({
      customer_id: input.customerId,
      merchant_id: merchant.id,
      available: amount,
      reserved: 0n,
      overage_due: 0n,
      updated_at: at,
      // A new customer's first credits (their checkout) are announced by `checkout.completed`;
      // `customer.wallet.balance.updated` announces every change after.
      balance_version: 1n,
      announced_version: 1n,
    })
    .onConflict((oc) =>
      oc.column('customer_id').doUpdateSet({
        available: sql`credit_accounts.available + ${amount}`,
        updated_at: at,
        balance_version: sql`credit_accounts.balance_version + 1`,
      }),
    )
    .execute();
  return id;
}
