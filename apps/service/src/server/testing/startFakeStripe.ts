import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { FAKE_STRIPE_CARDS, type FakeCard } from './fakeStripeCards.ts';
import { listenOnLoopback } from './listenOnLoopback.ts';

/** One request the fake received, as it read it. */
export interface FakeStripeRequest {
  method: string;
  path: string;
  /** Form or query parameters, flat as sent (`metadata[key]`). */
  params: Record<string, string>;
  idempotencyKey: string | null;
  /** Which key authorised it. */
  auth: 'secret' | 'publishable' | null;
}

export interface FakePaymentIntent {
  id: string;
  object: 'payment_intent';
  amount: number;
  currency: string;
  status:
    | 'requires_payment_method'
    | 'requires_confirmation'
    | 'requires_action'
    | 'processing'
    | 'succeeded'
    | 'canceled';
  client_secret: string;
  customer: string | null;
  payment_method: string | null;
  description: string | null;
  metadata: Record<string, string>;
  setup_future_usage: string | null;
  last_payment_error: Record<string, unknown> | null;
  next_action: Record<string, unknown> | null;
  cancellation_reason: string | null;
  latest_charge: string | null;
  created: number;
  livemode: false;
}

interface FakePaymentMethod {
  id: string;
  object: 'payment_method';
  type: 'card';
  card: { brand: string; last4: string; exp_month: number; exp_year: number; funding: string };
  customer: string | null;
  created: number;
}

export interface FakeStripeOptions {
  /** @default 'sk_test_fake' */
  secretKey?: string;
  /** @default 'pk_test_fake' */
  publishableKey?: string;
  /** Added before every answer, like a network round trip. @default 0 */
  latencyMs?: number;
  /** Base of the 3-D Secure challenge pages named in `next_action`. @default 'https://hooks.stripe.com' */
  hooksUrl?: string;
  /** For card expiry. @default () => new Date() */
  now?: () => Date;
}

export interface FakeStripe {
  /** `http://127.0.0.1:<port>`: give it to the processor as its API URL. */
  url: string;
  secretKey: string;
  publishableKey: string;
  /** Every request received, in order. */
  requests: FakeStripeRequest[];
  paymentIntents(): FakePaymentIntent[];
  customerIds(): string[];
  /** The customer a payment method was saved to, if any. */
  paymentMethodCustomer(id: string): string | null | undefined;
  /**
   * Cuts the network: every request from now on is dropped before it is handled. With
   * `afterHandling`, requests still pass until one whose path matches it is handled; its answer
   * is lost, and the network is cut from then on.
   */
  cutNetwork(options?: { afterHandling?: RegExp }): void;
  restoreNetwork(): void;
  /** Makes a PaymentMethod from card fields as Stripe.js does in the page (publishable key). */
  createPaymentMethod(card: { number: string; expiry?: string; cvc?: string }): Promise<string>;
  /** Completes or fails a PaymentIntent's 3-D Secure challenge, as the customer would. */
  answerChallenge(paymentIntentId: string, outcome: 'complete' | 'fail'): Promise<void>;
  close(): Promise<void>;
}

type Answer = { status: number; body: unknown };

const error = (
  status: number,
  type: string,
  message: string,
  extra: Record<string, unknown> = {},
): Answer => ({ status, body: { error: { type, message, ...extra } } });

const notFound = (what: string, id: string) =>
  error(404, 'invalid_request_error', `No such ${what}: '${id}'`, {
    code: 'resource_missing',
    param: 'id',
  });

const id = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`;

/**
 * A local stand-in for the Stripe API endpoints the checkout calls (customers, payment methods,
 * PaymentIntents) and for Stripe's 3-D Secure test page. It behaves like Stripe where the
 * checkout relies on it: idempotency keys (the same key and parameters replay the first answer,
 * other parameters are refused), outcomes by test card number, card errors with decline codes,
 * authentication with the secret key or, for what Stripe.js may call, the publishable key.
 */
export async function startFakeStripe(options: FakeStripeOptions = {}): Promise<FakeStripe> {
  const secretKey = options.secretKey ?? 'sk_test_fake';
  const publishableKey = options.publishableKey ?? 'pk_test_fake';
  const hooksUrl = options.hooksUrl ?? 'https://hooks.stripe.com';
  const now = options.now ?? (() => new Date());
  const requests: FakeStripeRequest[] = [];
  const customers = new Set<string>();
  const methods = new Map<string, FakePaymentMethod & { cardNumber: string }>();
  const intents = new Map<string, FakePaymentIntent>();
  const idempotent = new Map<string, { fingerprint: string; answer: Answer }>();
  let network: { state: 'up' } | { state: 'cut' } | { state: 'cut_after'; afterHandling: RegExp } =
    { state: 'up' };

  const cardOf = (intent: FakePaymentIntent): FakeCard | undefined => {
    const method = intent.payment_method ? methods.get(intent.payment_method) : undefined;
    return method && FAKE_STRIPE_CARDS[method.cardNumber];
  };

  const succeed = (intent: FakePaymentIntent) => {
    intent.status = 'succeeded';
    intent.next_action = null;
    intent.last_payment_error = null;
    intent.latest_charge = id('ch');
    const method = intent.payment_method ? methods.get(intent.payment_method) : undefined;
    // setup_future_usage saves the card to the customer once a payment with it succeeds.
    if (method && intent.customer && intent.setup_future_usage) method.customer = intent.customer;
  };

  const confirm = (intent: FakePaymentIntent, params: Record<string, string>): Answer => {
    if (intent.status !== 'requires_confirmation' && intent.status !== 'requires_payment_method') {
      return error(
        400,
        'invalid_request_error',
        `This PaymentIntent's status is ${intent.status}, so it cannot be confirmed.`,
        { code: 'payment_intent_unexpected_state', payment_intent: intent },
      );
    }
    const card = cardOf(intent);
    if (!card) {
      return error(400, 'invalid_request_error', 'This PaymentIntent has no payment method.', {
        code: 'payment_intent_unexpected_state',
        param: 'payment_method',
      });
    }
    const offSession = params.off_session === 'true';
    if (offSession) {
      // As Stripe: off-session, only a card saved to the intent's customer is charged.
      const method = intent.payment_method ? methods.get(intent.payment_method) : undefined;
      if (!intent.customer || method?.customer !== intent.customer) {
        return error(
          400,
          'invalid_request_error',
          'An off-session payment needs a customer and a PaymentMethod saved to that customer.',
          { param: 'off_session' },
        );
      }
    }
    const decline = (code: string, declineCode: string | null, message: string): Answer => {
      intent.status = 'requires_payment_method';
      intent.last_payment_error = {
        type: 'card_error',
        code,
        ...(declineCode ? { decline_code: declineCode } : {}),
        message,
        payment_method: intent.payment_method,
      };
      return error(402, 'card_error', message, {
        code,
        ...(declineCode ? { decline_code: declineCode } : {}),
        payment_intent: intent,
      });
    };
    const challenge = `${hooksUrl}/3d_secure_2/authenticate/${intent.id}?client_secret=${intent.client_secret}`;
    switch (card.outcome.kind) {
      case 'succeeds':
        succeed(intent);
        return { status: 200, body: intent };
      case 'declines_off_session':
        if (offSession)
          return decline('card_declined', 'generic_decline', 'Your card was declined.');
        succeed(intent);
        return { status: 200, body: intent };
      case 'requires_authentication':
        if (offSession) {
          return decline(
            'authentication_required',
            'authentication_required',
            'Your card was declined. This transaction requires authentication.',
          );
        }
        intent.status = 'requires_action';
        // Stripe.js finishes it in the page only when the server asked for that; otherwise
        // Stripe expects a redirect to a bank page and back to `return_url`.
        intent.next_action =
          params.use_stripe_sdk === 'true'
            ? {
                type: 'use_stripe_sdk',
                use_stripe_sdk: { type: 'three_d_secure_redirect', stripe_js: challenge },
              }
            : {
                type: 'redirect_to_url',
                redirect_to_url: { url: challenge, return_url: params.return_url ?? null },
              };
        return { status: 200, body: intent };
      case 'declined': {
        const { code, declineCode, message } = card.outcome;
        return decline(code, declineCode, message);
      }
      default:
        return card.outcome satisfies never;
    }
  };

  const createPaymentMethod = (params: Record<string, string>): Answer => {
    if (params.type !== 'card') {
      return error(400, 'invalid_request_error', 'Only card payment methods are supported here.', {
        param: 'type',
      });
    }
    const number = (params['card[number]'] ?? '').replace(/\s/g, '');
    const card = FAKE_STRIPE_CARDS[number];
    if (!card) {
      return error(402, 'card_error', 'Your card number is incorrect.', {
        code: 'incorrect_number',
        param: 'card[number]',
      });
    }
    const month = Number(params['card[exp_month]']);
    const rawYear = Number(params['card[exp_year]']);
    const year = rawYear < 100 ? 2000 + rawYear : rawYear;
    const today = now();
    if (
      !Number.isInteger(month) ||
      month < 1 ||
      month > 12 ||
      !Number.isInteger(year) ||
      year < today.getUTCFullYear() ||
      (year === today.getUTCFullYear() && month < today.getUTCMonth() + 1)
    ) {
      return error(402, 'card_error', "Your card's expiration date is invalid.", {
        code: 'invalid_expiry_year',
        param: 'card[exp_year]',
      });
    }
    if (!/^\d{3,4}$/.test(params['card[cvc]'] ?? '')) {
      return error(402, 'card_error', "Your card's security code is invalid.", {
        code: 'invalid_cvc',
        param: 'card[cvc]',
      });
    }
    const method = {
      id: id('pm'),
      object: 'payment_method' as const,
      type: 'card' as const,
      card: { brand: card.brand, last4: number.slice(-4), exp_month: month, exp_year: year },
      customer: null,
      created: Math.floor(today.getTime() / 1000),
      cardNumber: number,
    };
    methods.set(method.id, { ...method, card: { ...method.card, funding: 'credit' } });
    return { status: 200, body: publicMethod(method.id) };
  };

  const publicMethod = (methodId: string): FakePaymentMethod | undefined => {
    const method = methods.get(methodId);
    if (!method) return undefined;
    const { cardNumber: _, ...shown } = method;
    return shown;
  };

  const createIntent = (params: Record<string, string>): Answer => {
    const amount = params.amount ?? '';
    if (!/^[1-9]\d*$/.test(amount)) {
      return error(400, 'invalid_request_error', 'Invalid integer: amount', { param: 'amount' });
    }
    if (params.customer && !customers.has(params.customer)) {
      return notFound('customer', params.customer);
    }
    if (params.payment_method && !methods.has(params.payment_method)) {
      return notFound('PaymentMethod', params.payment_method);
    }
    // As Stripe: a card saved to a customer is charged only as that customer's.
    const saved = params.payment_method ? methods.get(params.payment_method)?.customer : null;
    if (saved && saved !== params.customer) {
      return error(
        400,
        'invalid_request_error',
        'The provided PaymentMethod was previously attached to a Customer. It may not be used again unless attached to the same customer.',
        { param: 'payment_method' },
      );
    }
    const intentId = id('pi');
    const metadata: Record<string, string> = {};
    for (const [key, value] of Object.entries(params)) {
      const name = /^metadata\[(.+)\]$/.exec(key)?.[1];
      if (name) metadata[name] = value;
    }
    const intent: FakePaymentIntent = {
      id: intentId,
      object: 'payment_intent',
      amount: Number(amount),
      currency: params.currency ?? 'usd',
      status: params.payment_method ? 'requires_confirmation' : 'requires_payment_method',
      client_secret: `${intentId}_secret_${randomBytes(12).toString('hex')}`,
      customer: params.customer ?? null,
      payment_method: params.payment_method ?? null,
      description: params.description ?? null,
      metadata,
      setup_future_usage: params.setup_future_usage ?? null,
      last_payment_error: null,
      next_action: null,
      cancellation_reason: null,
      latest_charge: null,
      created: Math.floor(now().getTime() / 1000),
      livemode: false,
    };
    intents.set(intent.id, intent);
    if (params.confirm === 'true') return confirm(intent, params);
    return { status: 200, body: intent };
  };

  /** Stripe's own test page for 3-D Secure: the customer completes or fails the check. */
  const challengePage = (intent: FakePaymentIntent): Answer => ({
    status: 200,
    body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>3D Secure 2 Test Page</title></head>
<body><main><h1>3D Secure 2 Test Page</h1><p>Authenticate a payment of ${(intent.amount / 100).toFixed(2)} ${intent.currency.toUpperCase()}.</p>
<button type="button" data-outcome="complete">Complete authentication</button>
<button type="button" data-outcome="fail">Fail authentication</button></main>
<script>
for (const button of document.querySelectorAll('button')) {
  button.addEventListener('click', async () => {
    await fetch(location.pathname, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ outcome: button.dataset.outcome, client_secret: new URLSearchParams(location.search).get('client_secret') }),
    });
    parent.postMessage({ type: 'stripe-3ds-challenge-done' }, '*');
  });
}
</script></body></html>`,
  });

  const challenge = (method: string, intent: FakePaymentIntent, outcome: string | undefined) => {
    if (method === 'GET') return challengePage(intent);
    if (intent.status === 'requires_action') {
      if (outcome === 'complete') {
        succeed(intent);
      } else {
        intent.status = 'requires_payment_method';
        intent.next_action = null;
        intent.last_payment_error = {
          type: 'invalid_request_error',
          code: 'payment_intent_authentication_failure',
          message:
            'We are unable to authenticate your payment method. Please choose a different payment method and try again.',
        };
      }
    }
    return { status: 200, body: { ok: true } };
  };

  const cancel = (intent: FakePaymentIntent, params: Record<string, string>): Answer => {
    if (intent.status === 'succeeded' || intent.status === 'canceled') {
      return error(
        400,
        'invalid_request_error',
        `You cannot cancel this PaymentIntent because it has a status of ${intent.status}.`,
        { code: 'payment_intent_unexpected_state', payment_intent: intent },
      );
    }
    intent.status = 'canceled';
    intent.next_action = null;
    intent.cancellation_reason = params.cancellation_reason ?? 'requested_by_customer';
    return { status: 200, body: intent };
  };

  const handle = (
    method: string,
    path: string,
    params: Record<string, string>,
    auth: FakeStripeRequest['auth'],
  ): Answer => {
    const [root = '', resource = '', objectId = '', action = ''] = path.split('/').slice(1);
    const route = `${method} /${root}/${resource}${objectId ? '/:id' : ''}${action ? `/${action}` : ''}`;
    const intent = intents.get(objectId);

    // The bank's challenge page: reached with the client secret, no API key.
    if (root === '3d_secure_2' && resource === 'authenticate' && intent) {
      if (params.client_secret !== intent.client_secret) return notFound('page', path);
      return challenge(method, intent, params.outcome);
    }
    if (!auth) {
      return error(
        401,
        'invalid_request_error',
        'You did not provide an API key. Provide it in the Authorization header.',
      );
    }
    // What Stripe.js may do with the publishable key: make a card, read its own PaymentIntent.
    if (route === 'POST /v1/payment_methods') return createPaymentMethod(params);
    if (route === 'GET /v1/payment_intents/:id' && auth === 'publishable') {
      return intent && params.client_secret === intent.client_secret
        ? { status: 200, body: intent }
        : notFound('payment_intent', objectId);
    }
    if (auth !== 'secret') {
      return error(
        401,
        'invalid_request_error',
        'This API call cannot be made with a publishable API key.',
      );
    }
    switch (route) {
      case 'POST /v1/customers': {
        const customerId = id('cus');
        customers.add(customerId);
        return { status: 200, body: { id: customerId, object: 'customer' } };
      }
      case 'GET /v1/payment_methods/:id': {
        const shown = publicMethod(objectId);
        return shown ? { status: 200, body: shown } : notFound('PaymentMethod', objectId);
      }
      case 'POST /v1/payment_methods/:id/attach': {
        const saved = methods.get(objectId);
        if (!saved) return notFound('PaymentMethod', objectId);
        if (!params.customer || !customers.has(params.customer)) {
          return notFound('customer', params.customer ?? '');
        }
        saved.customer = params.customer;
        return { status: 200, body: publicMethod(objectId) };
      }
      case 'POST /v1/payment_intents':
        return createIntent(params);
      case 'GET /v1/payment_intents/:id':
        return intent ? { status: 200, body: intent } : notFound('payment_intent', objectId);
      case 'POST /v1/payment_intents/:id/confirm':
        return intent ? confirm(intent, params) : notFound('payment_intent', objectId);
      case 'POST /v1/payment_intents/:id/cancel':
        return intent ? cancel(intent, params) : notFound('payment_intent', objectId);
      default:
        return error(
          404,
          'invalid_request_error',
          `Unrecognized request URL (${method}: ${path}).`,
        );
    }
  };

  const respond = (res: ServerResponse, answer: Answer, replayed = false) => {
    const html = typeof answer.body === 'string';
    res.writeHead(answer.status, {
      'content-type': html ? 'text/html; charset=utf-8' : 'application/json',
      // Stripe's API answers browsers on any origin; Stripe.js calls it from the page.
      'access-control-allow-origin': '*',
      'request-id': id('req'),
      ...(replayed ? { 'idempotent-replayed': 'true' } : {}),
    });
    res.end(html ? answer.body : JSON.stringify(answer.body));
  };

  const onRequest = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://fake-stripe');
    const method = req.method ?? 'GET';
    if (method === 'OPTIONS') {
      res.writeHead(204, {
        'access-control-allow-origin': '*',
        'access-control-allow-headers': 'authorization, content-type, idempotency-key',
        'access-control-allow-methods': 'GET, POST',
      });
      res.end();
      return;
    }
    const params = Object.fromEntries(
      method === 'GET' ? url.searchParams : new URLSearchParams(Buffer.concat(chunks).toString()),
    );
    const bearer = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1] ?? params.key;
    const auth = bearer === secretKey ? 'secret' : bearer === publishableKey ? 'publishable' : null;
    const idempotencyKey = (req.headers['idempotency-key'] as string | undefined) ?? null;
    requests.push({ method, path: url.pathname, params, idempotencyKey, auth });

    if (network.state === 'cut') {
      req.socket.destroy();
      return;
    }
    if (network.state === 'cut_after' && network.afterHandling.test(url.pathname)) {
      network = { state: 'cut' };
    }
    if (options.latencyMs) await delay(options.latencyMs);
    const answerOnce = (): { answer: Answer; replayed: boolean } => {
      if (method !== 'POST' || !idempotencyKey) {
        return { answer: handle(method, url.pathname, params, auth), replayed: false };
      }
      const scope = `${bearer}:${idempotencyKey}`;
      const { key: _, ...fingerprinted } = params;
      const fingerprint = JSON.stringify([url.pathname, Object.entries(fingerprinted).sort()]);
      const seen = idempotent.get(scope);
      if (seen && seen.fingerprint !== fingerprint) {
        return {
          answer: error(
            400,
            'idempotency_error',
            `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`,
          ),
          replayed: false,
        };
      }
      if (seen) return { answer: seen.answer, replayed: true };
      const answer = handle(method, url.pathname, params, auth);
      // Stripe keeps the first answer, error or not, except for its own server errors.
      if (answer.status < 500) {
        idempotent.set(scope, { fingerprint, answer: structuredClone(answer) });
      }
      return { answer, replayed: false };
    };
    const { answer, replayed } = answerOnce();
    if (network.state === 'cut') {
      req.socket.destroy();
      return;
    }
    respond(res, answer, replayed);
  };

  const server = createServer((req, res) => {
    onRequest(req, res).catch((caught: unknown) => {
      respond(res, error(500, 'api_error', String(caught)));
    });
  });
  const port = await listenOnLoopback(server);

  return {
    url: `http://127.0.0.1:${port}`,
    secretKey,
    publishableKey,
    requests,
    paymentIntents: () => [...intents.values()].map((intent) => structuredClone(intent)),
    customerIds: () => [...customers],
    paymentMethodCustomer: (methodId) => methods.get(methodId)?.customer,
    cutNetwork: ({ afterHandling } = {}) => {
      network = afterHandling ? { state: 'cut_after', afterHandling } : { state: 'cut' };
    },
    restoreNetwork: () => {
      network = { state: 'up' };
    },
    async createPaymentMethod({ number, expiry = '12 / 34', cvc = '123' }) {
      const [month = '', year = ''] = expiry.split('/').map((part) => part.trim());
      const response = await fetch(`http://127.0.0.1:${port}/v1/payment_methods`, {
        method: 'POST',
        body: new URLSearchParams({
          type: 'card',
          'card[number]': number,
          'card[exp_month]': month,
          'card[exp_year]': year,
          'card[cvc]': cvc,
          key: publishableKey,
        }),
      });
      const body = (await response.json()) as { id?: string; error?: { message: string } };
      if (!body.id) throw new Error(`fake Stripe refused the card: ${body.error?.message}`);
      return body.id;
    },
    async answerChallenge(paymentIntentId, outcome) {
      const intent = intents.get(paymentIntentId);
      if (!intent) throw new Error(`fake Stripe has no PaymentIntent ${paymentIntentId}`);
      await fetch(`http://127.0.0.1:${port}/3d_secure_2/authenticate/${paymentIntentId}`, {
        method: 'POST',
        body: new URLSearchParams({ outcome, client_secret: intent.client_secret }),
      });
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((closeError) => (closeError ? reject(closeError) : resolve()));
        server.closeAllConnections();
      }),
  };
}
