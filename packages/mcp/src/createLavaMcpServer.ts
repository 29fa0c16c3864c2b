import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { errorCodeOf, errorMessageOf } from './errorMessageOf.ts';
import type { ServiceAnswer, ServiceClient } from './ServiceClient.ts';

/** What one MCP session holds: its credential, and a sign-in it started and has not collected. */
export interface LavaMcpSession {
  /** A spend key (`lsk_…`) or a merchant secret key (`aks_…`); `null` until signed in. */
  credential: string | null;
  signIn: { id: string; pollSecret: string; url: string } | null;
}

export interface LavaMcpServerOptions {
  service: ServiceClient;
  session: LavaMcpSession;
  /** The merchant a customer signs in at when `login` names none. */
  defaultMerchantId?: string | undefined;
}

interface Catalog {
  providers: {
    id: string;
    label: string;
    base_url: string;
    chat_completions_url: string;
    api_reference: string;
  }[];
  models: { id: string; provider: string; kind: string; price_per_million_tokens: object }[];
}

const json = z.record(z.string(), z.unknown());
const message = z.object({ role: z.string(), content: z.unknown() }).passthrough();
const PAYMENT_REQUIRED = {
  status: z.literal('payment_required').optional(),
  checkout_url: z.string().nullable().optional(),
  message: z.string().optional(),
};

const text = (value: unknown): CallToolResult['content'] => [
  { type: 'text', text: JSON.stringify(value, null, 2) },
];
const ok = (structured: Record<string, unknown>): CallToolResult => ({
  content: text(structured),
  structuredContent: structured,
});
const fail = (why: string): CallToolResult => ({
  isError: true,
  content: [{ type: 'text', text: `Lava Checkout: ${why}` }],
});

/**
 * A tool's handler whose throw becomes the tool's failure, its message followed by `hint`, so
 * the agent reads why rather than a protocol error.
 */
const guarded =
  <Args>(handle: (args: Args) => Promise<CallToolResult>, hint = '') =>
  async (args: Args): Promise<CallToolResult> => {
    try {
      return await handle(args);
    } catch (error) {
      return fail(`${(error as Error).message}${hint}`);
    }
  };

/** A failure worth trying the next model for: 5xx, 429, or no answer at all. */
const retryable = (status: number) => status === 429 || status >= 500;

/**
 * The Lava Checkout MCP server: `login` (a browser sign-in that gives the session a spend key),
 * `prompt` (chat completions in OpenAI's shape to any priced model, with fallbacks), `call`
 * (any API call through the gateway), `search` and `get_provider_docs`, `get_balance` and
 * `get_usage`. Without a credential only `login`, `search` and `get_provider_docs` work.
 */
export function createLavaMcpServer(options: LavaMcpServerOptions): McpServer {
  const { service, session } = options;
  const server = new McpServer(
    { name: 'lava-checkout', version: '0.1.0' },
    {
      instructions:
        'Run login first; then prompt or call route billable traffic through the gateway.',
    },
  );
  let catalog: Catalog | null = null;
  const loadCatalog = async (): Promise<Catalog> => {
    if (catalog) return catalog;
    const answer = await service.send('agent/catalog');
    if (answer.status !== 200) throw new Error(errorMessageOf(answer.body, 'catalog unavailable'));
    catalog = answer.body as Catalog;
    return catalog;
  };

  /** Collects a finished sign-in: its one-time code becomes the session's spend key. */
  const collect = async (): Promise<'pending' | 'signed_in' | 'none'> => {
    if (!session.signIn) return 'none';
    const polled = await service.send(`agent/sign_ins/${session.signIn.id}`, {
      headers: { authorization: `Bearer ${session.signIn.pollSecret}` },
    });
    if (polled.status !== 200) {
      session.signIn = null;
      throw new Error(errorMessageOf(polled.body, 'the sign-in is over. Run login again'));
    }
    const state = polled.body as { status: string; code?: string };
    if (state.status !== 'signed_in' || !state.code) return 'pending';
    const exchanged = await service.send('v1/auth/callback', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: state.code }),
    });
    session.signIn = null;
    const key = (exchanged.body as { spend_key?: { key?: string } }).spend_key?.key;
    if (exchanged.status !== 200 || !key) {
      throw new Error(errorMessageOf(exchanged.body, 'the sign-in code could not be exchanged'));
    }
    session.credential = key;
    return 'signed_in';
  };

  const credential = async (): Promise<string> => {
    if (!session.credential) await collect();
    if (!session.credential) {
      throw new Error(
        session.signIn
          ? `sign-in not finished yet. Open ${session.signIn.url} and sign in, then call this tool again`
          : 'not signed in. Run the login tool and open the URL it returns (or connect with a spend key as bearer token)',
      );
    }
    return session.credential;
  };

  /** A gateway call with the session's credential; a secret key goes as a forward token. */
  const gateway = async (
    method: string,
    url: string,
    headers: Record<string, string>,
    body: string | undefined,
  ): Promise<ServiceAnswer> => {
    const key = await credential();
    const bearer = key.startsWith('aks_')
      ? Buffer.from(JSON.stringify({ secret_key: key })).toString('base64')
      : key;
    const forwarded = Object.fromEntries(
      Object.entries(headers).filter(([name]) => name.toLowerCase() !== 'authorization'),
    );
    return service.send(`v1/forward?u=${encodeURIComponent(url)}`, {
      method,
      headers: { ...forwarded, authorization: `Bearer ${bearer}` },
      ...(body === undefined ? {} : { body }),
    });
  };

  /** Out of credits: the tool's answer, and a URL-mode elicitation where the client has it. */
  const paymentRequired = async (answer: ServiceAnswer): Promise<CallToolResult> => {
    const key = await credential();
    // A merchant's own key has no customer to sell credits to.
    const minted = key.startsWith('aks_')
      ? {
          status: 409,
          body: { error: 'signed in as the merchant: add credits to the customer instead.' },
        }
      : await service.send('agent/checkout_sessions', {
          method: 'POST',
          headers: { authorization: `Bearer ${key}` },
        });
    const checkoutUrl =
      minted.status === 201
        ? ((minted.body as { checkout_url?: string } | null)?.checkout_url ?? null)
        : null;
    const why = `${errorMessageOf(answer.body, 'no credits left')} ${checkoutUrl ? `Open ${checkoutUrl} in a browser to buy credits, then retry.` : `${errorMessageOf(minted.body, 'No checkout to buy credits from.')} Then retry.`}`;
    if (checkoutUrl && server.server.getClientCapabilities()?.elicitation?.url) {
      await server.server
        .elicitInput({
          mode: 'url',
          url: checkoutUrl,
          message: 'Your credits ran out. Buy more to continue.',
          elicitationId: `pay-${Date.now()}`,
        })
        .catch(() => undefined);
    }
    return ok({ status: 'payment_required', checkout_url: checkoutUrl, message: why });
  };

  server.registerTool(
    'login',
    {
      title: 'Sign in',
      description:
        'Starts a browser sign-in and returns its URL: the person opens it and signs in as the merchant (secret key) or as a customer (a texted code). Call login again (or any tool) once they have: the session then holds a spend key scoped to them.',
      inputSchema: {
        merchant_id: z
          .string()
          .optional()
          .describe(
            'The merchant a customer signs in at (mer_…). Leave out to sign in as the merchant.',
          ),
      },
      outputSchema: {
        status: z.enum(['signed_in', 'pending']),
        sign_in_url: z.string().optional(),
        message: z.string(),
      },
      annotations: { openWorldHint: true },
    },
    guarded(async ({ merchant_id }) => {
      if (session.signIn && (await collect()) === 'pending') {
        return ok({
          status: 'pending',
          sign_in_url: session.signIn.url,
          message: `Open ${session.signIn.url} in a browser and sign in, then call login again.`,
        });
      }
      if (session.credential && merchant_id === undefined) {
        return ok({
          status: 'signed_in',
          message: 'Signed in: prompt, call, get_balance and get_usage work.',
        });
      }
      const merchantId = merchant_id ?? options.defaultMerchantId;
      const started = await service.send('agent/sign_ins', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(merchantId ? { merchant_id: merchantId } : {}),
      });
      if (started.status !== 201) return fail(errorMessageOf(started.body, 'sign-in failed'));
      const body = started.body as {
        sign_in_id: string;
        sign_in_url: string;
        poll_secret: string;
      };
      session.signIn = {
        id: body.sign_in_id,
        pollSecret: body.poll_secret,
        url: body.sign_in_url,
      };
      return ok({
        status: 'pending',
        sign_in_url: body.sign_in_url,
        message: `Open ${body.sign_in_url} in a browser and sign in, then call login again.`,
      });
    }),
  );

  server.registerTool(
    'search',
    {
      title: 'Search providers and models',
      description:
        'Finds providers and models the gateway serves (with list prices per million tokens) and ready-to-use prompt and call examples.',
      inputSchema: {
        query: z
          .string()
          .optional()
          .describe('Words in a model or provider name, e.g. "gpt-4o" or "anthropic".'),
        provider: z.string().optional().describe('Only this provider id, e.g. "openai".'),
      },
      outputSchema: { providers: z.array(json), models: z.array(json), examples: z.array(json) },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    guarded(async ({ query, provider }) => {
      const { providers, models } = await loadCatalog();
      const words = (query ?? '').toLowerCase().split(/\s+/).filter(Boolean);
      const matches = (name: string) => words.every((word) => name.toLowerCase().includes(word));
      const found = models
        .filter(
          (m) =>
            (provider === undefined || m.provider === provider) && matches(`${m.provider} ${m.id}`),
        )
        .slice(0, 50);
      const providerIds = new Set(found.map((m) => m.provider));
      const first = found.find((m) => m.kind === 'chat');
      const firstProvider = providers.find((p) => p.id === first?.provider);
      const examples =
        first && firstProvider
          ? [
              {
                tool: 'prompt',
                arguments: { model: first.id, messages: [{ role: 'user', content: 'Hello!' }] },
              },
              {
                tool: 'call',
                arguments: {
                  method: 'POST',
                  url: firstProvider.chat_completions_url,
                  body: { model: first.id, messages: [{ role: 'user', content: 'Hello!' }] },
                },
              },
            ]
          : [];
      return ok({
        providers: providers.filter(
          (p) => providerIds.has(p.id) || (words.length > 0 && matches(p.label)),
        ),
        models: found,
        examples,
      });
    }, '. Check that the service is up.'),
  );

  server.registerTool(
    'get_provider_docs',
    {
      title: 'Provider docs',
      description: "A provider's base URL, OpenAI-compatible chat URL, API reference and models.",
      inputSchema: {
        provider: z.string().describe('A provider id from search, e.g. "anthropic".'),
      },
      outputSchema: {
        id: z.string(),
        label: z.string(),
        base_url: z.string(),
        chat_completions_url: z.string(),
        api_reference: z.string(),
        models: z.array(z.string()),
        how_to_call: z.string(),
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    guarded(async ({ provider }) => {
      const { providers, models } = await loadCatalog();
      const found = providers.find((p) => p.id === provider);
      if (!found) {
        return fail(
          `no provider "${provider}". Use one of: ${providers.map((p) => p.id).join(', ')}.`,
        );
      }
      return ok({
        ...found,
        models: models.filter((m) => m.provider === provider).map((m) => m.id),
        how_to_call: `Use call with a URL under ${found.base_url} (the gateway adds the provider key and bills the call), or prompt with one of the models.`,
      });
    }, '. Check that the service is up.'),
  );

  server.registerTool(
    'prompt',
    {
      title: 'Prompt a model',
      description:
        "A chat completion in OpenAI's shape to any model search lists, whatever its provider, billed through the gateway. fallbacks are tried in order after a 5xx, a 429 or a network failure.",
      inputSchema: {
        model: z.string().describe('A model id from search, e.g. "gpt-4o-mini".'),
        messages: z.array(message).min(1).describe("OpenAI's chat messages."),
        max_tokens: z.number().int().positive().optional(),
        temperature: z.number().min(0).max(2).optional(),
        fallbacks: z.array(z.string()).max(5).optional().describe('Models to try next, in order.'),
      },
      outputSchema: {
        model: z.string().optional(),
        content: z.string().nullable().optional(),
        usage: json.nullable().optional(),
        tried: z.array(json).optional(),
        ...PAYMENT_REQUIRED,
      },
      annotations: { readOnlyHint: false, openWorldHint: true },
    },
    guarded(async ({ model, messages, max_tokens, temperature, fallbacks }) => {
      const { providers, models } = await loadCatalog();
      const tried: Record<string, unknown>[] = [];
      for (const name of [model, ...(fallbacks ?? [])]) {
        const entry = models.find((m) => m.id === name);
        const provider = providers.find((p) => p.id === entry?.provider);
        if (!entry || !provider) {
          return fail(`no model "${name}" in the price table. Run search to find one.`);
        }
        const body = JSON.stringify({
          model: name,
          messages,
          ...(max_tokens === undefined ? {} : { max_tokens }),
          ...(temperature === undefined ? {} : { temperature }),
        });
        let answer: ServiceAnswer;
        try {
          answer = await gateway(
            'POST',
            provider.chat_completions_url,
            { 'content-type': 'application/json' },
            body,
          );
        } catch (error) {
          if (
            (error as Error).message.startsWith('not signed in') ||
            (error as Error).message.startsWith('sign-in')
          )
            throw error;
          tried.push({ model: name, error: (error as Error).message });
          continue;
        }
        if (answer.status === 402 && errorCodeOf(answer.body) !== 'spend_limit_reached') {
          return paymentRequired(answer);
        }
        if (retryable(answer.status)) {
          tried.push({
            model: name,
            status: answer.status,
            error: errorMessageOf(answer.body, ''),
          });
          continue;
        }
        if (answer.status !== 200) {
          return fail(
            `${name} answered ${answer.status}: ${errorMessageOf(answer.body, JSON.stringify(answer.body))}`,
          );
        }
        const completion = answer.body as {
          choices?: { message?: { content?: string | null } }[];
          usage?: Record<string, unknown>;
        };
        return ok({
          model: name,
          content: completion.choices?.[0]?.message?.content ?? null,
          usage: completion.usage ?? null,
          tried,
        });
      }
      return fail(`every model failed: ${JSON.stringify(tried)}. Retry later or add fallbacks.`);
    }),
  );

  server.registerTool(
    'call',
    {
      title: 'Call an API through the gateway',
      description:
        "Any provider API request through the gateway: the gateway adds the provider's key, and bills the call. Use a provider URL from get_provider_docs.",
      inputSchema: {
        method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']).default('POST'),
        url: z
          .string()
          .url()
          .describe('The provider URL, e.g. https://api.openai.com/v1/chat/completions.'),
        headers: z.record(z.string(), z.string()).optional(),
        body: z.unknown().optional().describe('JSON body (objects are serialized).'),
      },
      outputSchema: {
        status: z.union([z.number(), z.literal('payment_required')]),
        headers: z.record(z.string(), z.string()).optional(),
        body: z.unknown().optional(),
        checkout_url: z.string().nullable().optional(),
        message: z.string().optional(),
      },
      annotations: { readOnlyHint: false, openWorldHint: true },
    },
    guarded(async ({ method, url, headers, body }) => {
      const serialized =
        body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
      const answer = await gateway(
        method,
        url,
        {
          ...(serialized && typeof body !== 'string' ? { 'content-type': 'application/json' } : {}),
          ...headers,
        },
        serialized,
      );
      if (answer.status === 402 && errorCodeOf(answer.body) !== 'spend_limit_reached') {
        return paymentRequired(answer);
      }
      const kept: Record<string, string> = {};
      for (const name of ['content-type', 'x-lava-request-id', 'retry-after']) {
        const value = answer.headers.get(name);
        if (value !== null) kept[name] = value;
      }
      return ok({ status: answer.status, headers: kept, body: answer.body });
    }),
  );

  const readAccount = async (path: string): Promise<CallToolResult> => {
    const answer = await service.send(path, {
      headers: { authorization: `Bearer ${await credential()}` },
    });
    if (answer.status !== 200) {
      return fail(errorMessageOf(answer.body, `the service answered ${answer.status}`));
    }
    return ok(answer.body as Record<string, unknown>);
  };

  server.registerTool(
    'get_balance',
    {
      title: 'Balance',
      description:
        "The signed-in account: the customer's plan credits left (cycle and bundles), and the spend key's spend and limits.",
      outputSchema: {
        merchant_id: z.string(),
        customer_id: z.string().nullable(),
        spend_key: json,
        subscription: json.nullable(),
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    guarded(() => readAccount('agent/account')),
  );

  server.registerTool(
    'get_usage',
    {
      title: 'Usage',
      description:
        'Usage of the signed-in customer or merchant over the last days: totals and each day.',
      inputSchema: { days: z.number().int().min(1).max(90).default(30) },
      outputSchema: { items: z.array(json), totals: json },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    guarded(({ days }) => readAccount(`agent/usage?days=${days}`)),
  );

  return server;
}
