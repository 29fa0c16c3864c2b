import { sql } from 'kysely';
import { createId } from '../platform/createId.ts';
import type { CreditSource, Db } from '../platform/db/Database.ts';
import { type Param, prepareQuery } from '../platform/db/prepareQuery.ts';
import { insertCreditEntry } from './insertCreditEntry.ts';

// Prepared once (see prepareQuery): every checkout and every renewal grants credits.
const insertGrant = prepareQuery(
  (
    db,
    param: Param<{
      id: string;
      merchant_id: string;
      customer_id: string;
      subscription_id: string | null;
      source: CreditSource;
      amount: bigint;
      cycle_start_at: string | null;
      expires_at: string | null;
      payment_id: string | null;
      created_at: string;
    }>,
  ) =>
    db.insertInto('credit_grants').values({
      id: param('id'),
      merchant_id: param('merchant_id'),
      customer_id: param('customer_id'),
      subscription_id: param('subscription_id'),
      source: param('source'),
      amount: param('amount'),
      remaining: param('amount'),
      cycle_start_at: param('cycle_start_at'),
      expires_at: param('expires_at'),
      payment_id: param('payment_id'),
      created_at: param('created_at'),
    }),
);
const addToAccount = prepareQuery(
  (db, param: Param<{ customer_id: string; merchant_id: string; amount: bigint; at: string }>) =>
    db
      .insertInto('credit_accounts')
      .values({
        customer_id: param('customer_id'),
        merchant_id: param('merchant_id'),
        available: param('amount'),
        reserved: 0n,
        overage_due: 0n,
        updated_at: param('at'),
        // A new customer's first credits (their checkout) are announced by `checkout.completed`;
        // `customer.wallet.balance.updated` announces every change after.
        balance_version: 1n,
        announced_version: 1n,
      })
      .onConflict((oc) =>
        oc.column('customer_id').doUpdateSet({
          available: sql`credit_accounts.available + ${param('amount')}`,
          updated_at: param('at'),
          balance_version: sql`credit_accounts.balance_version + 1`,
        }),
      ),
);

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
  await insertGrant(trx, {
    id,
    merchant_id: merchant.id,
    customer_id: input.customerId,
    subscription_id: input.subscriptionId,
    source: input.source,
    amount,
    cycle_start_at: input.cycleStartAt ?? null,
    expires_at: input.expiresAt ?? null,
    payment_id: input.paymentId ?? null,
    created_at: at,
  });
  await insertCreditEntry(trx, {
    id: createId('cen', merchant.environment),
    merchant_id: merchant.id,
    customer_id: input.customerId,
    grant_id: id,
    kind: 'grant',
    amount,
    request_id: null,
    created_at: at,
  });
  await addToAccount(trx, {
    customer_id: input.customerId,
    merchant_id: merchant.id,
    amount,
    at,
  });
  return id;
}
