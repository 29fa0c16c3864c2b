// A stand-in for Stripe.js, served at https://js.stripe.com/... by the e2e tests (Playwright
// route interception). It plays the part of Stripe.js the checkout page uses, the way Stripe.js
// does it: each card Element is a frame on js.stripe.com, the card goes from those frames to
// https://api.stripe.com (routed to the local fake), and 3-D Secure opens the bank's challenge
// from https://hooks.stripe.com in a frame over the page. The page never holds the card.
(() => {
  const ORIGIN = 'https://js.stripe.com';
  const API = 'https://api.stripe.com';
  const TITLES = {
    cardNumber: 'Secure card number input frame',
    cardExpiry: 'Secure expiration date input frame',
    cardCvc: 'Secure CVC input frame',
  };

  /** Asks an Element's frame to do something, and waits for its answer. */
  const ask = (frame, message) =>
    new Promise((resolve) => {
      const id = crypto.randomUUID();
      const onMessage = (event) => {
        if (event.origin !== ORIGIN || event.source !== frame.contentWindow) return;
        if (event.data?.id !== id) return;
        window.removeEventListener('message', onMessage);
        resolve(event.data.result);
      };
      window.addEventListener('message', onMessage);
      frame.contentWindow.postMessage({ ...message, id }, ORIGIN);
    });

  /** The bank's challenge, over the page, until the customer answered it. */
  const challenge = (url) =>
    new Promise((resolve) => {
      const frame = document.createElement('iframe');
      frame.src = url;
      frame.title = '3D Secure authentication';
      Object.assign(frame.style, {
        position: 'fixed',
        inset: '0',
        width: '100%',
        height: '100%',
        border: '0',
        background: '#fff',
        zIndex: '2147483647',
      });
      const onMessage = (event) => {
        if (event.origin !== new URL(url).origin || event.source !== frame.contentWindow) return;
        window.removeEventListener('message', onMessage);
        frame.remove();
        resolve();
      };
      window.addEventListener('message', onMessage);
      document.body.append(frame);
    });

  const createStripe = (publishableKey) => ({
    elements() {
      const group = crypto.randomUUID();
      return {
        create(type) {
          const handlers = { ready: [], change: [], focus: [], blur: [] };
          let frame = null;
          const element = {
            mount(target) {
              const container =
                typeof target === 'string' ? document.querySelector(target) : target;
              frame = document.createElement('iframe');
              frame.src = `${ORIGIN}/stand-in/element.html#${new URLSearchParams({ type, group, key: publishableKey })}`;
              frame.title = TITLES[type];
              frame.setAttribute('allowtransparency', 'true');
              Object.assign(frame.style, {
                display: 'block',
                width: '100%',
                height: '1.4em',
                border: '0',
              });
              frame.addEventListener('load', () => {
                for (const handler of handlers.ready) handler({ elementType: type });
              });
              container.classList.add('StripeElement');
              container.append(frame);
              // As Stripe.js does: a label for the container focuses the Element.
              if (container.id) {
                for (const label of document.querySelectorAll(
                  `label[for="${CSS.escape(container.id)}"]`,
                )) {
                  label.addEventListener('click', () => element.focus());
                }
              }
            },
            on(event, handler) {
              handlers[event]?.push(handler);
              return element;
            },
            focus() {
              frame?.contentWindow?.postMessage({ type: 'focus' }, ORIGIN);
            },
            destroy() {
              frame?.remove();
              frame = null;
            },
            frame: () => frame,
          };
          return element;
        },
      };
    },

    async createPaymentMethod({ type, card }) {
      if (type !== 'card' || !card?.frame()) {
        return { error: { type: 'invalid_request_error', message: 'No card Element.' } };
      }
      // The card number's frame collects the card from its sibling frames and sends it.
      return ask(card.frame(), { type: 'create_payment_method' });
    },

    async handleNextAction({ clientSecret }) {
      const id = clientSecret.split('_secret_')[0];
      const read = async () => {
        const query = new URLSearchParams({ client_secret: clientSecret, key: publishableKey });
        return (await fetch(`${API}/v1/payment_intents/${id}?${query}`)).json();
      };
      let intent = await read();
      if (intent.error) return { error: intent.error };
      if (intent.status === 'requires_action' && intent.next_action?.type === 'use_stripe_sdk') {
        await challenge(intent.next_action.use_stripe_sdk.stripe_js);
        intent = await read();
      }
      return intent.last_payment_error
        ? { error: { ...intent.last_payment_error, payment_intent: intent } }
        : { paymentIntent: intent };
    },
  });

  window.Stripe = Object.assign((publishableKey) => createStripe(publishableKey), {
    version: 'endive',
  });
})();
