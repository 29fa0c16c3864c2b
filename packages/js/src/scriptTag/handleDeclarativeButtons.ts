import type { ScriptTagApi } from './createScriptTagApi.ts';

/**
 * Makes every `<button data-lava-checkout="/api/checkout-session">` on the page, now or
 * later, open a checkout: a click POSTs to that same-origin URL, expects JSON
 * `{ checkout_session_token }`, opens it, and dispatches `lava-checkout:ready`, `:step`,
 * `:success`, `:cancel` and `:error` on the button (they bubble), with the callback's value
 * as `detail`.
 */
export function handleDeclarativeButtons(doc: Document, api: ScriptTagApi): () => void {
  const onClick = async (event: Event) => {
    const button = (event.target as Element | null)?.closest?.('[data-lava-checkout]');
    // aria-busy marks a button whose session is being fetched: a second click waits.
    if (!button || button.hasAttribute('aria-busy')) return;
    event.preventDefault();
    const emit = (name: string) => (detail: unknown) =>
      button.dispatchEvent(new CustomEvent(`lava-checkout:${name}`, { bubbles: true, detail }));
    const fail = (message: string) =>
      emit('error')({
        checkoutSessionId: null,
        error: { code: 'session_request_failed', message: `Lava Checkout: ${message}.` },
      });
    const url = new URL(button.getAttribute('data-lava-checkout') ?? '', doc.baseURI);
    if (url.origin !== location.origin) {
      return fail(`data-lava-checkout must be a URL on this site, not ${url.origin}`);
    }
    button.setAttribute('aria-busy', 'true');
    let token: unknown;
    try {
      // Same origin, so the page's cookies go along, as they would with a form.
      const response = await fetch(url, { method: 'POST' });
      token = response.ok
        ? ((await response.json()) as { checkout_session_token?: unknown })?.checkout_session_token
        : response.status;
      if (typeof token !== 'string') throw new Error(`got ${token}`);
    } catch (error) {
      return fail(
        `POST ${url.pathname} gave no checkout_session_token (${(error as Error).message}). Answer with createCheckoutSession()'s JSON`,
      );
    } finally {
      button.removeAttribute('aria-busy');
    }
    void api.open(token, {
      onSuccess: emit('success'),
      onCancel: emit('cancel'),
      onError: emit('error'),
      onReady: emit('ready'),
      onStepChange: emit('step'),
    });
  };
  doc.addEventListener('click', onClick);
  return () => doc.removeEventListener('click', onClick);
}
