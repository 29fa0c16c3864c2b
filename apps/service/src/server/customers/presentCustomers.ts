import type { Db, Tables } from '../platform/db/Database.ts';
import { activeSubscriptions } from './activeSubscriptions.ts';
import { toRestCustomer } from './toRestCustomer.ts';

/** Customers in the `RestCustomer` shape with their active subscription: one query for a page. */
export async function presentCustomers(db: Db, customers: Tables['customers'][]) {
  const subscriptions = await activeSubscriptions(
    db,
    customers.map((customer) => customer.id),
  );
  return customers.map((customer) =>
    toRestCustomer(customer, subscriptions.get(customer.id) ?? null),
  );
}
