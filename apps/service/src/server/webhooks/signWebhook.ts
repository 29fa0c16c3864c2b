import { createHmac } from 'node:crypto';

/**
 * The signature headers of a delivery: `X-Lava-Signature: t=<unix>,v1=<hex HMAC-SHA256(secret,
 * t + "." + body)>`, which `webhooks.verify` checks (the timestamp stops replays), and the plain
 * `X-Webhook-Signature: <hex HMAC-SHA256(secret, body)>` that receivers written for the Lava API
 * check.
 */
export function signWebhook(
  secret: string,
  body: string,
  at: Date,
): { 'x-lava-signature': string; 'x-webhook-signature': string } {
  const t = Math.floor(at.getTime() / 1000);
  const v1 = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
  return {
    'x-lava-signature': `t=${t},v1=${v1}`,
    'x-webhook-signature': createHmac('sha256', secret).update(body).digest('hex'),
  };
}
