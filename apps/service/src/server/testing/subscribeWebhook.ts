/**
 * Subscribes the endpoint at `url` to the merchant's events, as the webhook "Orders", through the
 * REST API of the service at `serviceUrl`: the webhook's signing secret.
 */
export async function subscribeWebhook(
  serviceUrl: string,
  secretKey: string,
  url: string,
): Promise<string> {
  const created = await fetch(`${serviceUrl}v1/webhooks`, {
    method: 'POST',
    headers: { authorization: `Bearer ${secretKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Orders', url }),
  });
  if (created.status !== 201) throw new Error(`creating the webhook answered ${created.status}`);
  return ((await created.json()) as { webhook_secret: string }).webhook_secret;
}
