/**
 * Plays a customer in test mode, for the examples: opens a checkout session's secret the way
 * the hosted page does, verifies a phone with the code the development service keeps at
 * `GET /dev/outbox`, and pays with the test card 4242 4242 4242 4242. Development services
 * only: production has no outbox and no test cards.
 */
export async function completeTestCheckout(checkoutSessionToken: string): Promise<string> {
  const { secret, base } = JSON.parse(atob(checkoutSessionToken)) as {
    secret: string;
    base: string;
  };
  const phone = `+1415555${String(100 + Math.floor(Math.random() * 100)).padStart(4, '0')}`;
  const post = async (step: string, body: unknown) => {
    const response = await fetch(new URL(`api/checkout/${step}`, base), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
      body: JSON.stringify(body),
    });
    const answer = (await response.json()) as Record<string, unknown>;
    if (!response.ok) throw new Error(`checkout ${step}: ${JSON.stringify(answer)}`);
    return answer;
  };
  await post('phone', { phone });
  const outbox = (await (await fetch(new URL('dev/outbox', base))).json()) as {
    data: { to: string; body: string }[];
  };
  const code = /\b(\d{6})\b/.exec(outbox.data.find((sms) => sms.to === phone)?.body ?? '')?.[1];
  if (!code) throw new Error(`no code was texted to ${phone}`);
  await post('code', { code });
  const paid = await post('subscribe', { payment_method: 'pm_test.succeeds.visa.4242.12.2034' });
  return String(paid.customer_id);
}
