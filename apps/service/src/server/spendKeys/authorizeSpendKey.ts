import { hashSecretKey } from '../merchants/hashSecretKey.ts';
import type { Db } from '../platform/db/Database.ts';
import { type AdmittedCounters, admitCall, type SpendKeyCall } from './admitCall.ts';
import { SPEND_KEY } from './newSpendKey.ts';
import { type SpendKeyRefusal, spendKeyRefusal } from './SpendKeyRefusal.ts';
import { spendKeyByHash } from './spendKeyByHash.ts';

/** Who a spend key's call acts for: the merchant, and the customer and meter that pay, if any. */
export interface SpendKeyScope {
  spendKeyId: string;
  merchantId: string;
  environment: 'test' | 'live';
  /** With `meterId`: the customer's plan credits pay. `null`: the merchant pays. */
  customerId: string | null;
  meterId: string | null;
}

/** What was reserved on the key: handed back to `settleSpendKey` once the call's cost is known. */
export interface SpendKeyReservation {
  spendKeyId: string;
  amount: string;
  spendCycleStart: string;
}

export type SpendKeyAuthorization =
  | { ok: true; scope: SpendKeyScope; reservation: SpendKeyReservation }
  | { ok: false; refusal: SpendKeyRefusal };

/** Tries before a key whose counters keep changing under it is refused as busy. */
const MAX_TRIES = 100;

/**
 * Authorizes a gateway call made with a spend key (`lsk_…`), the function the gateway calls on
 * reading one: finds the key by its SHA-256, checks it (revoked, expired, paused; provider,
 * model and request shape), and counts the call (its estimate reserved against the spend limit,
 * one request, one token of the rate limit) in a conditional UPDATE that only lands if the
 * row's `version` is still the one read: of two calls racing for the last of a limit, one
 * writes and the other reads again and is refused. Never throws for a bad key: the refusal
 * says how to fix the call.
 */
export async function authorizeSpendKey(
  db: Db,
  key: string,
  call: SpendKeyCall,
  now: Date,
): Promise<SpendKeyAuthorization> {
  const unknown = {
    ok: false as const,
    refusal: spendKeyRefusal(
      'invalid_spend_key',
      'this spend key is not one this service issued',
      'Send the lsk_… key exactly as POST /v1/spend_keys (or its rotation) returned it',
    ),
  };
  if (!SPEND_KEY.test(key)) return unknown;
  const hash = hashSecretKey(key);
  for (let tries = 0; tries < MAX_TRIES; tries++) {
    const row = await spendKeyByHash(db, hash).selectAll('spend_keys').executeTakeFirst();
    if (!row) return unknown;
    const admitted = admitCall(row, call, now);
    if (!admitted.ok) return admitted;
    if (await writeCounters(db, row.id, row.version, admitted.counters)) {
      return {
        ok: true,
        scope: {
          spendKeyId: row.id,
          merchantId: row.merchant_id,
          environment: row.environment,
          customerId: row.customer_id,
          meterId: row.meter_id,
        },
        reservation: {
          spendKeyId: row.id,
          amount: call.estimate,
          spendCycleStart: admitted.counters.spend_cycle_start ?? '',
        },
      };
    }
  }
  return {
    ok: false,
    refusal: spendKeyRefusal(
      'rate_limited',
      'this spend key is taking more calls at once than can be counted',
      'Retry in a second',
      1,
    ),
  };
}

async function writeCounters(
  db: Db,
  id: string,
  version: number,
  counters: AdmittedCounters,
): Promise<boolean> {
  const result = await db
    .updateTable('spend_keys')
    .set({ ...counters, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return (result.numUpdatedRows ?? 0n) > 0n;
}
