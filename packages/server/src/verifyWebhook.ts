import type { WebhookEvent } from './restTypes.ts';

/** Why a webhook's signature was refused. */
export class LavaWebhookSignatureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LavaWebhookSignatureError';
  }
}

export interface VerifyWebhookOptions {
  /**
   * How old (or how far in the future) the signature's timestamp may be, in seconds.
   * @default 300
   */
  toleranceSeconds?: number;
  /**
   * Clock, in milliseconds; for tests.
   * @default Date.now
   */
  now?: () => number;
}

const encoder = new TextEncoder();

const hexToBytes = (hex: string): Uint8Array<ArrayBuffer> | null => {
  if (!/^[0-9a-f]{64}$/i.test(hex)) return null;
  const bytes = new Uint8Array(32);
  for (let i = 0; i < 32; i++) bytes[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
};

/**
 * Verifies a webhook delivery and returns its event. `header` is the `X-Lava-Signature`
 * header, `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + rawBody)>` (several `v1`
 * values are accepted); `rawBody` is the body exactly as received, before any JSON parsing.
 * Throws `LavaWebhookSignatureError` when the header is malformed, the timestamp is more than
 * 5 minutes off, or no signature matches. HMACs are compared in constant time.
 *
 * @example
 * const event = await lava.webhooks.verify(rawBody, req.headers['x-lava-signature'], secret);
 * if (await alreadyHandled(event.id)) return; // deliveries may repeat: deduplicate on the id
 */
export async function verifyWebhook(
  rawBody: string | Uint8Array,
  header: string | null | undefined,
  secret: string,
  options: VerifyWebhookOptions = {},
): Promise<WebhookEvent> {
  if (typeof secret !== 'string' || secret.length === 0) {
    throw new LavaWebhookSignatureError(
      'Lava Checkout: webhooks.verify() secret is missing. Pass the webhook_secret that POST /v1/webhooks returned.',
    );
  }
  const parts = (header ?? '').split(',').map((part) => part.trim().split('='));
  const t = parts.find(([name]) => name === 't')?.[1];
  const signatures = parts.filter(([name]) => name === 'v1').map(([, value]) => value ?? '');
  if (!t || !/^\d{1,12}$/.test(t) || signatures.length === 0) {
    throw new LavaWebhookSignatureError(
      'Lava Checkout: invalid signature format. Pass the X-Lava-Signature header, t=<time>,v1=<signature>.',
    );
  }
  const tolerance = options.toleranceSeconds ?? 300;
  const now = (options.now?.() ?? Date.now()) / 1000;
  if (Number(t) < now - tolerance) {
    throw new LavaWebhookSignatureError(
      'Lava Checkout: timestamp too old: the signature is older than 5 minutes. Refuse this delivery (a replay) and let a fresh one arrive.',
    );
  }
  if (Number(t) > now + tolerance) {
    throw new LavaWebhookSignatureError(
      "Lava Checkout: timestamp too new: the signature is from the future. Check your server's clock.",
    );
  }
  const body = typeof rawBody === 'string' ? encoder.encode(rawBody) : rawBody;
  const signed = new Uint8Array(t.length + 1 + body.length);
  signed.set(encoder.encode(`${t}.`));
  signed.set(body, t.length + 1);
  const key = await crypto.subtle.importKey(
    'raw',
    encoder.encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['verify'],
  );
  for (const signature of signatures) {
    const bytes = hexToBytes(signature);
    if (bytes && (await crypto.subtle.verify('HMAC', key, bytes, signed))) {
      return JSON.parse(new TextDecoder().decode(body)) as WebhookEvent;
    }
  }
  throw new LavaWebhookSignatureError(
    'Lava Checkout: signature mismatch: the body or the secret is not the one signed. Verify the raw body as received, with the webhook_secret of this endpoint.',
  );
}
