import { createCheckoutSession } from '@lava-checkout/server';
import { TEST_ORIGIN, testPaymentMethod } from './startTestService.ts';

/** POSTs to the page API of a service, as the hosted page does. */
export async function pageCall(
  serviceUrl: string,
  step: 'phone' | 'code' | 'subscribe',
  secret: string,
  body: unknown,
  ip = '198.51.100.1',
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${serviceUrl}api/checkout/${step}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${secret}`,
      'x-forwarded-for': ip,
    },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** The newest code a development service texted to `phone` (its own outbox). */
export async function codeFrom(serviceUrl: string, phone: string): Promise<string> {
  const { data } = (await (await fetch(`${serviceUrl}dev/outbox`)).json()) as {
    data: { to: string; body: string }[];
  };
  const code = /\b(\d{6})\b/.exec(data.find((sms) => sms.to === phone)?.body ?? '')?.[1];
  if (!code) throw new Error(`no code was texted to ${phone} by ${serviceUrl}`);
  return code;
}

/** Mints a session locally on the real clock (or signed at `signedAt`), as a merchant's server does. */
export async function mintFor(
  serviceUrl: string,
  secretKey: string,
  planId: string,
  signedAt?: number,
): Promise<string> {
  const session = await createCheckoutSession(
    { checkout_mode: 'subscription', origin_url: TEST_ORIGIN, plan_id: planId },
    {
      secretKey,
      checkoutUrl: serviceUrl,
      ...(signedAt === undefined ? {} : { now: () => signedAt }),
    },
  );
  return JSON.parse(atob(session.checkout_session_token)).secret as string;
}

/**
 * A customer's whole checkout, each step through the service named for it: the phone through
 * `phoneAt` (whose outbox has the code), the code and the payment through the others.
 */
export async function checkoutAcross(
  secret: string,
  phone: string,
  at: { phoneAt: string; codeAt: string; payAt: string },
  ip?: string,
): Promise<Record<string, unknown>> {
  const sent = await pageCall(at.phoneAt, 'phone', secret, { phone }, ip);
  if (sent.status !== 200) throw new Error(`phone: ${JSON.stringify(sent.body)}`);
  const verified = await pageCall(
    at.codeAt,
    'code',
    secret,
    { code: await codeFrom(at.phoneAt, phone) },
    ip,
  );
  if (verified.status !== 200) throw new Error(`code: ${JSON.stringify(verified.body)}`);
  const paid = await pageCall(at.payAt, 'subscribe', secret, testPaymentMethod(), ip);
  if (paid.status !== 200) throw new Error(`subscribe: ${JSON.stringify(paid.body)}`);
  return paid.body;
}
