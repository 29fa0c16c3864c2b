import type { SessionClaims } from '@lava-checkout/protocol';
import type { Db, Tables } from '../platform/db/Database.ts';
import { type Param, prepareQuery } from '../platform/db/prepareQuery.ts';

type SessionRow = Tables['checkout_sessions'];

/** What a first sight of a session writes; the counts start at their columns' 0. */
const COLUMNS = [
  'id',
  'merchant_id',
  'mode',
  'origin_url',
  'plan_id',
  'customer_id',
  'credit_bundle_id',
  'status',
  'expires_at',
  'created_at',
  'updated_at',
] as const satisfies readonly (keyof SessionRow)[];
type NewSession = Pick<SessionRow, (typeof COLUMNS)[number]>;

/**
 * The session, written only while the key that signed it is not retired: a retired key signs
 * nothing the service had not seen before it was retired, whatever time the signer wrote into
 * the session. The database decides, in the statement that records the session, so every
 * process follows a rotation at once, and no key it cached can outlive one.
 */
const insertSession = prepareQuery((db, param: Param<NewSession & { kid: string; at: string }>) =>
  db
    .insertInto('checkout_sessions')
    .columns(COLUMNS)
    .expression(
      db
        .selectNoFrom((eb) => COLUMNS.map((column) => eb.val(param(column)).as(column)))
        .where(({ exists, selectFrom }) =>
          exists(
            selectFrom('secret_keys')
              .select('secret_keys.kid')
              .where('secret_keys.kid', '=', param('kid'))
              .where((eb) =>
                eb.or([
                  eb('secret_keys.revoked_at', 'is', null),
                  eb('secret_keys.revoked_at', '>', param('at')),
                ]),
              ),
          ),
        ),
    )
    .onConflict((oc) => oc.column('id').doNothing())
    .returningAll(),
);

/**
 * Records a session the first time it is seen (sessions are minted without us), from its
 * signed claims, unless the key `kid` that signed it is retired by now. Returns the new row, or
 * `undefined` when it was recorded before or its key is retired.
 */
export async function recordSession(
  db: Db,
  claims: SessionClaims,
  signed: { merchantId: string; kid: string },
  now: Date,
): Promise<SessionRow | undefined> {
  const { rows } = await insertSession(db, {
    id: claims.sid,
    merchant_id: signed.merchantId,
    mode: claims.mode,
    origin_url: claims.origin,
    plan_id: claims.plan ?? null,
    customer_id: claims.customer ?? null,
    credit_bundle_id: claims.bundle ?? null,
    status: 'open',
    expires_at: new Date(claims.exp * 1000).toISOString(),
    created_at: new Date(claims.iat * 1000).toISOString(),
    updated_at: now.toISOString(),
    kid: signed.kid,
    at: now.toISOString(),
  });
  return rows[0];
}
