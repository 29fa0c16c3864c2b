import type { Insertable } from 'kysely';
import type { Tables } from '../platform/db/Database.ts';
import { type Param, prepareQuery } from '../platform/db/prepareQuery.ts';

/** One line of the ledger: every value given, `null` where it has none. */
export type CreditEntry = Required<Insertable<Tables['credit_entries']>>;

/**
 * Appends one entry to the ledger (a grant, draw, expiry or overage), prepared once (see
 * prepareQuery): draws, grants and renewals all write entries on their hot path.
 */
export const insertCreditEntry = prepareQuery((db, param: Param<CreditEntry>) =>
  db.insertInto('credit_entries').values({
    id: param('id'),
    merchant_id: param('merchant_id'),
    customer_id: param('customer_id'),
    grant_id: param('grant_id'),
    kind: param('kind'),
    amount: param('amount'),
    request_id: param('request_id'),
    created_at: param('created_at'),
  }),
);
