import { LavaBalance, useLavaAccount, useLavaCheckout } from '@lava-checkout/react';
import { useEffect, useState } from 'react';

type Outcome =
  | { kind: 'idle' }
  | { kind: 'subscribed'; customerId: string; plan: string | null }
  | { kind: 'message'; text: string };

/**
 * The checkout service this page trusts: the demo's server names it in the page (a real app
 * writes its own, e.g. `'https://checkout.example.com'`). A token for any other is refused.
 */
const CHECKOUT_ORIGIN = document.querySelector<HTMLMetaElement>(
  'meta[name="lava-checkout-origin"]',
)?.content;

/** The demo merchant's pricing page: one plan, one Subscribe button. */
export function PricingPage() {
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'idle' });
  const [busy, setBusy] = useState(false);
  const [balanceToken, setBalanceToken] = useState<string | null>(null);
  const confirmed = outcome.kind === 'subscribed' && outcome.plan !== null;
  // Once our server knows the customer, it mints a customer session for their live balance.
  useEffect(() => {
    if (!confirmed) return;
    void fetch('/api/customer-session', { method: 'POST' })
      .then((response) => response.json() as Promise<{ customer_session_token?: string }>)
      .then(({ customer_session_token }) => setBalanceToken(customer_session_token ?? null));
  }, [confirmed]);
  const { open } = useLavaCheckout({
    checkoutOrigin: CHECKOUT_ORIGIN,
    onSuccess: async ({ checkoutSessionId, customerId }) => {
      setOutcome({ kind: 'subscribed', customerId, plan: null });
      // customerId is only a hint from the browser: our backend asks Lava which customer the
      // session it minted completed for, and that is the id we keep.
      const response = await fetch('/api/checkout/confirm', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ checkoutSessionId }),
      });
      if (!response.ok) {
        setOutcome({
          kind: 'message',
          text: 'We could not confirm this checkout with our server.',
        });
        return;
      }
      const confirmed = (await response.json()) as {
        customerId: string;
        subscription: { name: string } | null;
      };
      setOutcome({
        kind: 'subscribed',
        customerId: confirmed.customerId,
        plan: confirmed.subscription?.name ?? null,
      });
    },
    onCancel: () =>
      setOutcome({ kind: 'message', text: 'Checkout closed. You have not been charged.' }),
    // The error's message is for us, the developers: the customer reads plain words.
    onError: ({ error }) => {
      console.error(error.message);
      setOutcome({
        kind: 'message',
        text: 'The checkout ended without a purchase. Click Subscribe to try again.',
      });
    },
  });

  const { openAccount } = useLavaAccount({ checkoutOrigin: CHECKOUT_ORIGIN });
  // A fresh customer session each time: the account page gets its full hour.
  const manageAccount = async () => {
    const response = await fetch('/api/customer-session', { method: 'POST' });
    const { customer_session_token } = (await response.json()) as {
      customer_session_token?: string | null;
    };
    if (customer_session_token) await openAccount(customer_session_token);
  };

  const subscribe = async () => {
    if (busy) return;
    setBusy(true);
    try {
      const response = await fetch('/api/checkout/create-session', { method: 'POST' });
      if (!response.ok) throw new Error(`create-session answered ${response.status}`);
      const { checkoutSessionToken } = (await response.json()) as { checkoutSessionToken: string };
      void open(checkoutSessionToken);
    } catch (error) {
      setOutcome({ kind: 'message', text: `Could not start the checkout: ${String(error)}` });
    } finally {
      setBusy(false);
    }
  };

  return (
    <main>
      <p className="brand">Acme AI</p>
      <section className="plan" aria-labelledby="plan-name">
        <h1 id="plan-name">Pro Plan</h1>
        <p className="price">
          $49.00 <span>/ month</span>
        </p>
        <ul>
          <li>$25.00 of usage credit included every month</li>
          <li>AI Chat Tokens at $3.00 per million tokens</li>
          <li>Top up with $25 or $100 credit bundles</li>
        </ul>
        {/* aria-disabled, not disabled: a disabled button drops focus, and the overlay must
            give focus back to it when it closes. */}
        <button type="button" onClick={subscribe} aria-disabled={busy}>
          Subscribe to Pro Plan
        </button>
      </section>
      {outcome.kind === 'subscribed' ? (
        <section className="result" aria-live="polite">
          <h2>You are subscribed</h2>
          <p>
            Customer id: <code>{outcome.customerId}</code>
          </p>
          <p>
            {outcome.plan
              ? `Confirmed by our server: ${outcome.plan}, active.`
              : 'Confirming with our server…'}
          </p>
          {balanceToken ? (
            <>
              <p>
                Your credits: <LavaBalance token={balanceToken} checkoutOrigin={CHECKOUT_ORIGIN} />
              </p>
              <button type="button" onClick={manageAccount}>
                Manage your account
              </button>
            </>
          ) : null}
        </section>
      ) : null}
      {outcome.kind === 'message' ? (
        <p className="message" role="status">
          {outcome.text}
        </p>
      ) : null}
    </main>
  );
}
