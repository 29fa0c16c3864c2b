import { randomInt } from 'node:crypto';

/** Area codes of the fictional numbers (555-0100 to 555-0199) a test customer picks from. */
const AREAS = ['415', '650', '510', '408', '212', '646', '312', '206', '617', '303'];

type Outbox = { data: { to: string; body: string }[] };

/**
 * Plays a customer in test mode, for the examples: opens a checkout session's secret the way
 * the hosted page does, verifies a phone with the code the development service keeps at
 * `GET /dev/outbox`, and pays with the test card 4242 4242 4242 4242. Each run is a new
 * customer: the phone is one the outbox shows no text to. Development services only:
 * production has no outbox and no test cards.
 */
export async function completeTestCheckout(checkoutSessionToken: string): Promise<string> {
  const { secret, base } = JSON.parse(atob(checkoutSessionToken)) as {
    secret: string;
    base: string;
  };
  const outbox = async () =>
    ((await (await fetch(new URL('dev/outbox', base))).json()) as Outbox).data;
  const texted = new Set((await outbox()).map((sms) => sms.to));
  let phone: string;
  do {
    const area = AREAS[randomInt(AREAS.length)] ?? '415';
    phone = `+1${area}55501${String(randomInt(100)).padStart(2, '0')}`;
  } while (texted.has(phone));
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
  const code = /\b(\d{6})\b/.exec(
    (await outbox()).find((sms) => sms.to === phone)?.body ?? '',
  )?.[1];
  if (!code) throw new Error(`no code was texted to ${phone}`);
  await post('code', { code });
  const paid = await post('subscribe', { payment_method: 'pm_test.succeeds.visa.4242.12.2034' });
  return String(paid.customer_id);
}
