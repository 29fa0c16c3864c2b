import { randomBytes } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { listenOnLoopback } from './listenOnLoopback.ts';

/** A message the fake accepted. */
export interface FakeTwilioMessage {
  sid: string;
  to: string;
  from: string | null;
  messagingServiceSid: string | null;
  body: string;
}

export interface FakeTwilioOptions {
  /** @default 'AC' + 32 zeros */
  accountSid?: string;
  /** @default 'fake-auth-token' */
  authToken?: string;
  /** Added before every answer, like a network round trip. @default 0 */
  latencyMs?: number;
}

export interface FakeTwilio {
  /** `http://127.0.0.1:<port>`: give it to the provider as its API URL. */
  url: string;
  accountSid: string;
  authToken: string;
  /** Messages accepted, oldest first. */
  messages: FakeTwilioMessage[];
  /** Requests received, accepted or not. */
  requestCount(): number;
  /** Twilio refuses texts to this number with its error `code` (21211: not a valid number). */
  refuseNumber(to: string, code?: number): void;
  /** The next `count` requests get 429, as when the account sends too fast. */
  rateLimit(count: number): void;
  /** Every request from now on is dropped without an answer. */
  cutNetwork(): void;
  restoreNetwork(): void;
  close(): Promise<void>;
}

const json = (res: ServerResponse, status: number, body: unknown, headers = {}) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};

/**
 * A local stand-in for Twilio's Messages API, `POST /2010-04-01/Accounts/{sid}/Messages.json`:
 * basic auth with the account SID and auth token, a form body with `To`, `From` (or
 * `MessagingServiceSid`) and `Body`, and Twilio's error shapes (`{ code, message, status }`).
 */
export async function startFakeTwilio(options: FakeTwilioOptions = {}): Promise<FakeTwilio> {
  const accountSid = options.accountSid ?? `AC${'0'.repeat(32)}`;
  const authToken = options.authToken ?? 'fake-auth-token';
  const expectedAuth = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;
  const messages: FakeTwilioMessage[] = [];
  const refused = new Map<string, number>();
  let requests = 0;
  let rateLimited = 0;
  let cut = false;

  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    requests += 1;
    if (cut) {
      req.socket.destroy();
      return;
    }
    if (options.latencyMs) await delay(options.latencyMs);
    const path = new URL(req.url ?? '/', 'http://fake-twilio').pathname;
    const match = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/.exec(path);
    if (!match || req.method !== 'POST') {
      json(res, 404, { code: 20404, message: 'The requested resource was not found', status: 404 });
      return;
    }
    if (req.headers.authorization !== expectedAuth || match[1] !== accountSid) {
      json(res, 401, { code: 20003, message: 'Authenticate', status: 401 });
      return;
    }
    if (rateLimited > 0) {
      rateLimited -= 1;
      json(res, 429, { code: 20429, message: 'Too Many Requests', status: 429 });
      return;
    }
    const params = new URLSearchParams(Buffer.concat(chunks).toString());
    const to = params.get('To') ?? '';
    const body = params.get('Body') ?? '';
    const from = params.get('From');
    const messagingServiceSid = params.get('MessagingServiceSid');
    if (!to || !body || (!from && !messagingServiceSid)) {
      json(res, 400, {
        code: 21604,
        message: "A 'To', 'Body' and 'From' (or 'MessagingServiceSid') are required.",
        status: 400,
      });
      return;
    }
    const refusal = refused.get(to);
    if (refusal !== undefined) {
      json(res, 400, {
        code: refusal,
        message: `The 'To' number ${to} is not a valid phone number.`,
        more_info: `https://www.twilio.com/docs/errors/${refusal}`,
        status: 400,
      });
      return;
    }
    const message = {
      sid: `SM${randomBytes(16).toString('hex')}`,
      to,
      from,
      messagingServiceSid,
      body,
    };
    messages.push(message);
    json(res, 201, {
      sid: message.sid,
      account_sid: accountSid,
      to,
      from,
      messaging_service_sid: messagingServiceSid,
      body,
      status: 'queued',
    });
  });
  const port = await listenOnLoopback(server);

  return {
    url: `http://127.0.0.1:${port}`,
    accountSid,
    authToken,
    messages,
    requestCount: () => requests,
    refuseNumber: (to, code = 21211) => {
      refused.set(to, code);
    },
    rateLimit: (count) => {
      rateLimited = count;
    },
    cutNetwork: () => {
      cut = true;
    },
    restoreNetwork: () => {
      cut = false;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
