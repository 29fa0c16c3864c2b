// The seeds' "Bill Your Customers" guide, Steps 1, 2, 3 and 5, as written, with the client
// passed in: seed-flow.ts runs it with this repository's client, seed-flow.published.ts with
// the published @lavapayments/nodejs SDK.

import type { Lava as OurLava } from '@lava-checkout/server';
import type { Lava as PublishedLava } from '@lavapayments/nodejs';
import { completeTestCheckout } from './completeTestCheckout.ts';

/** Either client's class: both take the guide's calls as written. */
type LavaClient = typeof OurLava | typeof PublishedLava;

export async function billYourCustomers(Lava: LavaClient) {
  // Where the checkout service's REST API is. It ends with /v1/.
  const baseUrl = process.env.LAVA_BASE_URL ?? 'http://127.0.0.1:4001/v1/';

  // Step 1: Create a Meter
  const lava = new Lava(undefined, { baseUrl }); // reads LAVA_SECRET_KEY from env

  const meter = await lava.meters.create({
    name: 'AI Chat Tokens',
    rate_type: 'fixed',
    tier_type: 'tokens_1m',
    tiers: [
      { start: '0', rate: '3.00' }  // $3.00 per million tokens
    ]
  });

  console.log('Meter ID:', meter.meter_id);
  console.log('Meter slug:', meter.meter_slug);

  // Step 2: Create a Plan
  const plan = await lava.subscriptions.createPlan({
    name: 'Pro Plan',
    period_amount: '49.00',
    billing_interval: 'month',
    included_credit: '25.00',
    meter_ids: [meter.meter_id]  // Link meters to this plan
  });

  console.log('Plan ID:', plan.plan_id);

  // Step 3: Embed Checkout (backend)
  const session = await lava.checkoutSessions.create({
    checkout_mode: 'subscription',
    origin_url: 'https://yourapp.com',
    plan_id: plan.plan_id
  });

  // Return session.checkout_session_token to your frontend

  // Here a customer completes the checkout (a test customer, in test mode) and uses 1,500
  // tokens, which Step 4 would route through the gateway; recorded here directly.
  await completeTestCheckout(session.checkout_session_token);

  // Step 4 (its first lines): get the customer
  const { data: customers } = await lava.customers.list();
  const customer = customers[0];

  await lava.requests.create({
    request_id: `seed-flow-${Date.now()}`,
    customer_id: customer.customer_id,
    meter_slug: meter.meter_slug,
    input_tokens: 1200,
    output_tokens: 300,
  });

  // Step 5: Monitor Customer Usage
  // Get usage for a specific customer
  const usage = await lava.usage.retrieve({
    start: new Date(Date.now() - 30 * 24 * 60 * 60 * 1000).toISOString().split('T')[0],
    customer_id: customer.customer_id,
  });

  console.log('Customer requests:', usage.totals.total_requests);
  console.log('Customer cost:', usage.totals.total_cost);

  // Check their subscription status
  const sub = await lava.customers.getSubscription(customer.customer_id);
  if (sub.subscription) {
    console.log('Plan:', sub.subscription.plan.name);
    console.log('Credits remaining:', sub.subscription.credits.total_remaining);
  }
}
