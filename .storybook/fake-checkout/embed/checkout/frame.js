// The frame's side of the Lava Checkout protocol (v1), for stories and the SDK's browser
// tests: answers the parent's hello over the transferred port, reports its height, forwards
// Escape and focus leaving it, answers close requests (refused while "processing"), and
// reports what its buttons say. (silent.html, the page that never answers, does not load it.)
const SESSION = 'cs_test_01KK2NQPK7CXRHEW42Z4X4M06R';
const CUSTOMER = 'con_test_01KK2NQPKARMY7D3HK65C2ZSYK';
let port = null;
let nonce = '';
let step = 'phone';

// The stand-in checkout that ready.html and deaf.html (which ignores close requests) both show.
if (document.body.dataset.fake === 'checkout') {
  document.body.insertAdjacentHTML(
    'afterbegin',
    `<h1>Fake checkout</h1>
    <p>Stands in for the hosted page in stories and the SDK's browser tests.</p>
    <label>Phone number <input type="tel" /></label>
    <button id="pay" type="button">Pay</button>
    <button id="process" type="button">Start the payment</button>
    <button id="expire" type="button">Expire the session</button>`,
  );
}

const send = (message) => port?.postMessage({ v: 1, nonce, ...message });
const fields = () => [...document.querySelectorAll('input, button')];
const report = () =>
  send({ type: 'lava:resize', height: Math.ceil(document.body.getBoundingClientRect().height) });

window.addEventListener('message', (event) => {
  if (event.source !== window.parent || port || !event.ports[0]) return;
  if (event.data?.v !== 1 || event.data.type !== 'lava:hello') return;
  port = event.ports[0];
  nonce = event.data.nonce;
  document.body.dataset.hello = JSON.stringify(event.data);
  port.onmessage = ({ data }) => {
    if (data?.nonce !== nonce) return;
    if (data.type === 'lava:close' && !document.body.dataset.deaf) {
      send(
        step === 'processing'
          ? { type: 'lava:close-refused' }
          : { type: 'lava:cancel', checkoutSessionId: SESSION },
      );
    }
    if (data.type === 'lava:focus') (data.edge === 'last' ? fields().at(-1) : fields()[0])?.focus();
  };
  send({ type: 'lava:ready', checkoutSessionId: SESSION });
  send({ type: 'lava:step', step });
  report();
  document.body.dataset.connected = 'true';
});

document.addEventListener('keydown', (event) => {
  if (!port) return;
  if (event.key === 'Escape') send({ type: 'lava:close-request' });
  if (event.key !== 'Tab') return;
  const all = fields();
  const edge = event.shiftKey ? all[0] : all.at(-1);
  if (document.activeElement === edge) {
    event.preventDefault();
    send({ type: 'lava:focus-exit', direction: event.shiftKey ? 'backward' : 'forward' });
  }
});

for (const [id, message] of [
  ['pay', { type: 'lava:success', checkoutSessionId: SESSION, customerId: CUSTOMER }],
  ['expire', { type: 'lava:error', checkoutSessionId: SESSION, code: 'session_expired' }],
  ['process', { type: 'lava:step', step: 'processing' }],
]) {
  document.getElementById(id)?.addEventListener('click', () => {
    if (message.step) step = message.step;
    if (message.type === 'lava:success') document.body.append('You are subscribed');
    send(message);
  });
}
