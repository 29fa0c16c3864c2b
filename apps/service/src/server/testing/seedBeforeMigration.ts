import { type Kysely, sql } from 'kysely';

/** A plan row of merchant `mer_a`, monthly with no rollover: id, name, price, included credit. */
export type OldPlan = [id: string, name: string, price: string, included: string];

/**
 * The rows a migration test starts from, written in plain SQL so they fit the schema before the
 * migration: merchant `mer_a`, its plan `sc_a` "Pro" (49.00 a month, 25.00 included) and any
 * `morePlans`, its customer `con_a` (+14155550100) and, with `checkoutSession`, its completed
 * subscription session `cs_a`. Dates are placeholders (`'x'`): migrations copy them as they are.
 */
export async function seedBeforeMigration(
  db: Kysely<unknown>,
  options: { morePlans?: OldPlan[]; checkoutSession?: boolean } = {},
): Promise<void> {
  await sql`insert into merchants (id, name, environment, created_at)
    values ('mer_a', 'A', 'test', 'x')`.execute(db);
  const plans: OldPlan[] = [['sc_a', 'Pro', '49.00', '25.00'], ...(options.morePlans ?? [])];
  await sql`insert into plans (id, merchant_id, name, period_amount, billing_interval, included_credit,
      rollover_type, bundle_rollover_type, created_at)
    values ${sql.join(
      plans.map(
        ([id, name, price, included]) =>
          sql`(${id}, 'mer_a', ${name}, ${price}, 'month', ${included}, 'none', 'full', 'x')`,
      ),
    )}`.execute(db);
  await sql`insert into customers (id, merchant_id, phone, created_at)
    values ('con_a', 'mer_a', '+14155550100', 'x')`.execute(db);
  if (!options.checkoutSession) return;
  await sql`insert into checkout_sessions (id, merchant_id, mode, origin_url, status, expires_at, created_at)
    values ('cs_a', 'mer_a', 'subscription', 'https://a.com', 'completed', 'x', 'x')`.execute(db);
}
