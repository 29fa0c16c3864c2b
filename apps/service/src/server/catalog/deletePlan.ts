import { ServiceError } from '../platform/ServiceError.ts';
import type { Services } from '../Services.ts';
import { findPlanOrThrow } from './findPlanOrThrow.ts';

/** Deletes a plan nobody is subscribed to any more; its past subscriptions keep pointing at it. */
export async function deletePlan(
  services: Pick<Services, 'db' | 'now'>,
  merchantId: string,
  planId: string,
) {
  const { db } = services;
  const plan = await findPlanOrThrow(db, merchantId, planId);
  const subscribed = await db
    .selectFrom('subscriptions')
    .select('id')
    .where('plan_id', '=', plan.id)
    .where('status', '=', 'active')
    .executeTakeFirst();
  if (subscribed) {
    throw new ServiceError(
      'invalid_state',
      `Lava Checkout: plan ${plan.id} has active subscriptions. Cancel them (DELETE /v1/subscriptions/:id) before deleting the plan.`,
    );
  }
  await db
    .updateTable('plans')
    .set({ deleted_at: services.now().toISOString() })
    .where('id', '=', plan.id)
    .execute();
  return plan;
}
