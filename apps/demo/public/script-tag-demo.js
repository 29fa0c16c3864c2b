// The script-tag page's own code: it only listens to the events of the declarative button.
const result = document.getElementById('result');
const say = (...nodes) => result.replaceChildren(...nodes);
const line = (text) => Object.assign(document.createElement('p'), { textContent: text });

document.addEventListener('lava-checkout:success', async (event) => {
  const { checkoutSessionId, customerId } = event.detail;
  const id = Object.assign(document.createElement('code'), { textContent: customerId });
  const idLine = line('Customer id: ');
  idLine.append(id);
  const status = line('Confirming with our server…');
  say(line('You are subscribed'), idLine, status);
  // customerId is only a hint from the browser: our backend asks Lava which customer the
  // session it minted completed for.
  const response = await fetch('/api/checkout/confirm', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ checkoutSessionId }),
  });
  const confirmed = response.ok ? await response.json() : null;
  status.textContent = confirmed?.subscription
    ? `Confirmed by our server: ${confirmed.subscription.name}, active.`
    : 'We could not confirm this checkout with our server.';
});
document.addEventListener('lava-checkout:cancel', () =>
  say(line('Checkout closed. You have not been charged.')),
);
// The error's message is for us, the developers: the customer reads plain words.
document.addEventListener('lava-checkout:error', (event) => {
  console.error(event.detail.error.message);
  say(line('The checkout ended without a purchase. Click Subscribe to try again.'));
});
