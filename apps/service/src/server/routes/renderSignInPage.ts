import { randomBytes } from 'node:crypto';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/**
 * The page a person finishes an agent's sign-in on: the merchant pastes its secret key, or a
 * customer (when the sign-in names a merchant) gets a texted code. A small script calls the
 * sign-in API of the same origin; its CSP allows that script only, by nonce.
 */
export function renderSignInPage(signIn: { id: string; merchant_id: string | null } | null): {
  html: string;
  csp: string;
} {
  const nonce = randomBytes(16).toString('base64');
  const csp = `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'`;
  if (!signIn) {
    return {
      csp,
      html: '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign-in not found</title></head><body><main><h1>This sign-in link is not valid</h1><p>Ask your agent to run login again.</p></main></body></html>',
    };
  }
  const api = `/agent/sign_ins/${escapeHtml(signIn.id)}`;
  const customer = signIn.merchant_id
    ? `<section aria-labelledby="as-customer"><h2 id="as-customer">As a customer</h2>
<form id="phone"><label>Phone <input name="phone" type="tel" autocomplete="tel" required placeholder="+1 415 555 0100"></label><button>Text me a code</button></form>
<form id="code" hidden><label>Code <input name="code" inputmode="numeric" autocomplete="one-time-code" required></label><button>Sign in</button></form></section>`
    : '';
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Sign in for your agent</title>
<style nonce="${nonce}">body{font:16px system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem}form{display:flex;gap:.5rem;margin:.5rem 0;flex-wrap:wrap}input{flex:1;padding:.4rem}</style></head>
<body><main><h1>Sign in for your agent</h1><p>Your agent asked to act for you. It gets a key limited to your account; you can revoke it at any time.</p>
${customer}
<section aria-labelledby="as-merchant"><h2 id="as-merchant">As the merchant</h2>
<form id="key"><label>Secret key <input name="secret_key" type="password" autocomplete="off" required placeholder="aks_test_…"></label><button>Sign in</button></form></section>
<p role="status" id="status"></p></main>
<script nonce="${nonce}">
const status = document.getElementById('status');
async function post(path, body) {
  const response = await fetch('${api}/' + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const answer = await response.json();
  if (!response.ok) throw new Error(answer.error?.message ?? 'Something went wrong. Try again.');
  return answer;
}
function on(id, path, after) {
  const form = document.getElementById(id);
  if (!form) return;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try { await post(path, Object.fromEntries(new FormData(form))); after(); }
    catch (error) { status.textContent = error.message; }
  });
}
const done = () => { status.textContent = 'You are signed in. Go back to your agent; you can close this page.'; };
on('key', 'secret_key', done);
on('phone', 'phone', () => { document.getElementById('code').hidden = false; status.textContent = 'We texted you a code.'; });
on('code', 'code', done);
</script></body></html>`;
  return { html, csp };
}
