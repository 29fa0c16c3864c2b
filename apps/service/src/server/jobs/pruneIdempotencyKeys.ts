import { IDEMPOTENCY_KEY_LIFETIME_MS } from '../platform/http/idempotency.ts';
import type { Services } from '../Services.ts';

/** Drops the `Idempotency-Key`s older than their day: a retry after that runs again. */
export async function pruneIdempotencyKeys(deps: Pick<Services, 'db' | 'now'>): Promise<void> {
  await deps.db
    .deleteFrom('idempotency_keys')
    .where(
      'created_at',
      '<',
      new Date(deps.now().getTime() - IDEMPOTENCY_KEY_LIFETIME_MS).toISOString(),
    )
    .execute();
}
