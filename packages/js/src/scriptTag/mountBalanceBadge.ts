import { balanceLevel } from '../balance/balanceLevel.ts';
import { type CreateBalanceOptions, createBalance } from '../balance/createBalance.ts';
import { formatCredits } from '../balance/formatCredits.ts';
import {
  type LavaBalanceError,
  type LavaBalanceState,
  LOADING_BALANCE,
} from '../balance/LavaBalanceState.ts';

const STYLE = `
:host{position:relative;display:inline-block;font:inherit}
button{font:inherit;padding:4px 10px;border-radius:999px;border:1px solid #d0d7de;background:#fff;color:#1f2328;cursor:pointer;font-variant-numeric:tabular-nums}
button[data-level=low]{color:#9a6700}button[data-level=zero]{color:#cf222e}
[role=dialog]{position:absolute;right:0;top:calc(100% + 6px);z-index:2147483000;min-width:220px;padding:12px;border-radius:8px;border:1px solid #d0d7de;background:#fff;color:#1f2328;box-shadow:0 8px 24px rgba(0,0,0,.2);font:14px/1.4 system-ui,sans-serif}
h2{margin:0 0 8px;font-size:14px}dl{display:grid;grid-template-columns:auto auto;gap:4px 16px;margin:0}dt{color:#57606a}dd{margin:0;text-align:end}
:host([data-theme=dark]) button,:host([data-theme=dark]) [role=dialog]{background:#161b22;color:#e6edf3;border-color:#3d444d}
:host([data-theme=dark]) dt{color:#9198a1}
`;

const date = (iso: string) =>
  new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(iso),
  );

/** The details rows, as the React popover shows them. */
function rows(state: LavaBalanceState): [string, string][] {
  const { credits, plan, cycle_end_at, pending_change } = state;
  const list: [string, string][] = credits
    ? [
        ['Cycle credits', formatCredits(credits.cycle)],
        ['Bundle credits', formatCredits(credits.bundle)],
        ['Total', formatCredits(credits.total)],
      ]
    : [];
  if (plan) list.push(['Plan', plan.name]);
  if (cycle_end_at) {
    list.push([pending_change?.type === 'cancellation' ? 'Ends' : 'Renews', date(cycle_end_at)]);
  }
  if (pending_change?.type === 'downgrade') {
    list.push(['Scheduled change', `To ${pending_change.name ?? 'another plan'}`]);
  } else if (pending_change?.type === 'cancellation') {
    list.push(['Scheduled change', 'Cancels at the end of the cycle']);
  }
  return list;
}

/**
 * Shows a live balance badge in `host` (`<span data-lava-balance="/api/customer-session">`):
 * POSTs to that same-origin URL for `{ customer_session_token }` (`null`: no customer is signed
 * in, so the element shows nothing and reports no error), then keeps a badge (a button)
 * and its details (a dialog that Escape closes) in a shadow root. Dispatches
 * `lava-balance:update` (detail: the balance state) and `lava-balance:error` (detail: the
 * error) on `host`; they bubble. An expired session is minted again once. Returns the cleanup.
 */
export function mountBalanceBadge(host: HTMLElement, options: CreateBalanceOptions): () => void {
  const root = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
  // A constructed sheet, not a <style>: a page's CSP that allows no inline style still applies it.
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(STYLE);
  root.adoptedStyleSheets = [sheet];
  root.innerHTML = `<button type="button" aria-haspopup="dialog" aria-expanded="false">Loading balance…</button><div role="dialog" aria-label="Balance details" tabindex="-1" hidden><h2>Balance details</h2><p hidden></p><dl></dl></div>`;
  const [button, dialog] = [root.querySelector('button'), root.querySelector('div')] as [
    HTMLButtonElement,
    HTMLDivElement,
  ];
  const emit = (name: string, detail: unknown) =>
    host.dispatchEvent(new CustomEvent(`lava-balance:${name}`, { bubbles: true, detail }));
  let stop = () => {};
  let renewed = false;

  const show = (open: boolean) => {
    dialog.hidden = !open;
    button.setAttribute('aria-expanded', String(open));
    if (open) dialog.focus();
  };
  button.onclick = () => show(dialog.hidden);
  dialog.onkeydown = (event) => {
    if (event.key !== 'Escape') return;
    show(false);
    button.focus();
  };
  const outside = (event: Event) => {
    if (!event.composedPath().includes(host)) show(false);
  };
  document.addEventListener('pointerdown', outside);

  const render = (state: LavaBalanceState) => {
    const level = balanceLevel(state);
    button.dataset.level = level ?? '';
    button.setAttribute('aria-busy', String(state.loading));
    button.textContent = state.credits
      ? level === 'zero'
        ? 'No credits left'
        : `${formatCredits(state.credits.total)} left${level === 'low' ? ' · low' : ''}`
      : state.error
        ? 'Balance unavailable'
        : 'Loading balance…';
    const message = dialog.querySelector('p') as HTMLParagraphElement;
    message.hidden = !state.error;
    message.textContent = state.error?.message ?? '';
    (dialog.querySelector('dl') as HTMLDListElement).replaceChildren(
      ...rows(state).flatMap(([term, value]) => {
        const dt = document.createElement('dt');
        const dd = document.createElement('dd');
        dt.textContent = term;
        dd.textContent = value;
        return [dt, dd];
      }),
    );
  };

  const start = async () => {
    const url = new URL(host.getAttribute('data-lava-balance') ?? '', document.baseURI);
    let token: unknown;
    try {
      if (url.origin !== location.origin) throw new Error(`${url.origin} is not this site`);
      const response = await fetch(url, { method: 'POST' });
      token = response.ok
        ? ((await response.json()) as { customer_session_token?: unknown })?.customer_session_token
        : response.status;
      // Nobody is signed in (or not a customer yet): there is no balance to show, and nothing
      // is wrong. The badge stays empty until the page is loaded for a customer.
      if (token === null) {
        root.replaceChildren();
        return;
      }
      if (typeof token !== 'string') throw new Error(`got ${token}`);
    } catch (error) {
      const failure: LavaBalanceError = {
        code: 'session_request_failed',
        message: `Lava Checkout: POST ${url.pathname} gave no customer_session_token (${(error as Error).message}). Answer it, on this site, with createCustomerSession()'s JSON.`,
      };
      render({ ...LOADING_BALANCE, loading: false, error: failure });
      return emit('error', failure);
    }
    const balance = createBalance(token, options);
    const update = (state: LavaBalanceState) => {
      render(state);
      if (state.error?.code === 'customer_session_expired' && !renewed) {
        renewed = true;
        stop();
        void start();
        return;
      }
      emit(state.error ? 'error' : 'update', state.error ?? state);
    };
    const unsubscribe = balance.subscribe(update);
    stop = () => {
      unsubscribe();
      balance.destroy();
    };
    update(balance.getState());
  };
  void start();
  return () => {
    stop();
    document.removeEventListener('pointerdown', outside);
  };
}
