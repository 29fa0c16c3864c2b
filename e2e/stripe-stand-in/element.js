// One card Element of the Stripe.js stand-in, in its frame on js.stripe.com. Its input is named
// as Stripe names its own. The frames of one form share their values over a BroadcastChannel
// (same origin), so the card number's frame can send the whole card to Stripe.
(() => {
  const params = new URLSearchParams(location.hash.slice(1));
  const type = params.get('type');
  const FIELDS = {
    cardNumber: ['Credit or debit card number', '1234 1234 1234 1234', 'cc-number'],
    cardExpiry: ['Credit or debit card expiration date', 'MM / YY', 'cc-exp'],
    cardCvc: ['Credit or debit card CVC/CVV', 'CVC', 'cc-csc'],
  };
  const INCOMPLETE = {
    cardNumber: ['incomplete_number', 'Your card number is incomplete.'],
    cardExpiry: ['incomplete_expiry', "Your card's expiration date is incomplete."],
    cardCvc: ['incomplete_cvc', "Your card's security code is incomplete."],
  };
  const input = document.getElementById('field');
  const [label, placeholder, autocomplete] = FIELDS[type];
  input.setAttribute('aria-label', label);
  input.placeholder = placeholder;
  input.autocomplete = autocomplete;

  const values = {};
  const channel = new BroadcastChannel(`stripe-stand-in-${params.get('group')}`);
  channel.addEventListener('message', (event) => {
    values[event.data.type] = event.data.value;
  });
  input.addEventListener('input', () => channel.postMessage({ type, value: input.value }));

  const createPaymentMethod = async () => {
    values[type] = input.value;
    for (const field of ['cardNumber', 'cardExpiry', 'cardCvc']) {
      if (!values[field]?.trim()) {
        const [code, message] = INCOMPLETE[field];
        return { error: { type: 'validation_error', code, message } };
      }
    }
    const [month = '', year = ''] = values.cardExpiry.split('/').map((part) => part.trim());
    const response = await fetch('https://api.stripe.com/v1/payment_methods', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        type: 'card',
        'card[number]': values.cardNumber.replace(/\s/g, ''),
        'card[exp_month]': month,
        'card[exp_year]': year,
        'card[cvc]': values.cardCvc,
        key: params.get('key'),
      }),
    });
    const body = await response.json();
    return body.error ? { error: body.error } : { paymentMethod: body };
  };

  window.addEventListener('message', async (event) => {
    if (event.source !== parent) return;
    if (event.data?.type === 'focus') input.focus();
    if (event.data?.type === 'create_payment_method') {
      parent.postMessage({ id: event.data.id, result: await createPaymentMethod() }, event.origin);
    }
  });
})();
