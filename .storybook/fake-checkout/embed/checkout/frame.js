// The frame's side of the Lava Checkout protocol (v1), for stories: answers the parent's
// hello over the transferred port, then reports what the buttons say. (silent.html, the page
// that never answers, does not load this.)
const SESSION = 'cs_test_01KK2NQPK7CXRHEW42Z4X4M06R';
const CUSTOMER = 'con_test_01KK2NQPKARMY7D3HK65C2ZSYK';
let port = null;
let nonce = '';

const send = (message) => port?.postMessage({ v: 1, nonce, ...message });

window.addEventListener('message', (event) => {
  if (event.source !== window.parent || port || !event.ports[0]) return;
  if (event.data?.v !== 1 || event.data.type !== 'lava:hello') return;
  port = event.ports[0];
  nonce = event.data.nonce;
  send({ type: 'lava:ready', checkoutSessionId: SESSION });
  send({ type: 'lava:step', step: 'phone' });
  document.body.dataset.connected = 'true';
});

for (const [id, message] of [
  ['pay', { type: 'lava:success', checkoutSessionId: SESSION, customerId: CUSTOMER }],
  ['expire', { type: 'lava:error', checkoutSessionId: SESSION, code: 'session_expired' }],
]) {
  document.getElementById(id)?.addEventListener('click', () => send(message));
}
