/** The demo merchant's brand, as a merchant's setup sets it: what its checkout shows. */
export function demoBrand(origin: string) {
  return {
    name: 'Acme AI',
    logo_url: `${origin}/acme-logo.svg`,
    support_email: 'support@acme.example.com',
    terms_url: `${origin}/terms`,
    privacy_url: `${origin}/privacy`,
  };
}

/**
 * Sets the demo merchant's brand through the REST API (`PATCH /v1/merchant`), so its checkout
 * says "Acme AI" rather than the service's name for the development merchant. A refusal (a
 * live merchant takes only https links, and the demo serves http) is said, not fatal: the
 * checkout then shows the brand the merchant has.
 */
export async function brandDemoMerchant(config: {
  secretKey: string;
  checkoutUrl: string;
  origin: string;
  log?: (message: string) => void;
}): Promise<boolean> {
  const log = config.log ?? console.warn;
  try {
    const response = await fetch(new URL('v1/merchant', config.checkoutUrl), {
      method: 'PATCH',
      headers: {
        authorization: `Bearer ${config.secretKey}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify(demoBrand(config.origin)),
    });
    if (response.ok) return true;
    const body = (await response.json().catch(() => null)) as {
      error?: { message?: string };
    } | null;
    log(`Lava Checkout demo: the brand was not set: ${body?.error?.message ?? response.status}`);
  } catch (error) {
    log(`Lava Checkout demo: the brand was not set: ${String(error)}`);
  }
  return false;
}
