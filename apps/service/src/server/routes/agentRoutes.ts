import { Hono } from 'hono';
import { z } from 'zod';
import { agentCatalog } from '../agents/agentCatalog.ts';
import { mintTopUpCheckout } from '../agents/mintTopUpCheckout.ts';
import { authenticateMerchant } from '../merchants/authenticateMerchant.ts';
import { addressLimitKey } from '../platform/http/addressLimitKey.ts';
import { clientIp } from '../platform/http/clientIp.ts';
import { readMerchantBody, readMerchantQuery } from '../platform/http/readMerchantInput.ts';
import type { Services } from '../Services.ts';
import { collectSignIn } from '../signIn/collectSignIn.ts';
import { completeSignIn } from '../signIn/completeSignIn.ts';
import { findSignIn } from '../signIn/findSignIn.ts';
import { sendSignInCode } from '../signIn/sendSignInCode.ts';
import { startSignIn } from '../signIn/startSignIn.ts';
import { verifySignInCode } from '../signIn/verifySignInCode.ts';
import { findSpendKey } from '../spendKeys/findSpendKey.ts';
import { toRestSpendKey } from '../spendKeys/toRestSpendKey.ts';
import { subscriptionsQuery, toRestSubscriptionBase } from '../subscriptions/loadSubscriptions.ts';
import { summarizeUsage } from '../usage/summarizeUsage.ts';
import { renderSignInPage } from './renderSignInPage.ts';

const DAY_MS = 86_400_000;

/**
 * What the MCP server asks of the service, over HTTP (so the stdio package and `/mcp` share one
 * client): the catalog, browser sign-ins (started by the agent, finished by a person on
 * `/sign-in/:id` as the merchant or as a customer with a texted code), and, with a spend key as
 * bearer, the signed-in account's balance and usage, and a checkout to buy more credits.
 */
export function agentRoutes(services: Services): Hono {
  const app = new Hono();
  const { db } = services;
  const addressOf = (c: Parameters<typeof clientIp>[0]) =>
    addressLimitKey(clientIp(c, services.trustedProxies), services.production);

  app.get('/agent/catalog', (c) => c.json(agentCatalog()));

  app.post('/agent/sign_ins', async (c) => {
    const body = await readMerchantBody(
      c,
      z.strictObject({ merchant_id: z.string().min(1).max(255).optional() }),
    );
    const started = await startSignIn(db, body.merchant_id ?? null, services.now());
    return c.json(
      {
        sign_in_id: started.id,
        sign_in_url: new URL(`sign-in/${started.id}`, services.publicUrl).href,
        poll_secret: started.pollSecret,
        expires_at: started.expiresAt,
      },
      201,
    );
  });

  app.get('/agent/sign_ins/:id', async (c) => {
    const secret = /^Bearer (\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1] ?? '';
    return c.json(await collectSignIn(db, c.req.param('id'), secret, services.now()));
  });

  app.post('/agent/sign_ins/:id/secret_key', async (c) => {
    const body = await readMerchantBody(c, z.strictObject({ secret_key: z.string().max(300) }));
    const now = services.now();
    const signIn = await findSignIn(db, c.req.param('id'), now);
    const merchant = await authenticateMerchant(db, `Bearer ${body.secret_key.trim()}`, now);
    await completeSignIn(
      db,
      signIn.id,
      { merchantId: merchant.id, customerId: null, meterId: null },
      now,
    );
    return c.json({ signed_in: true, as: 'merchant' });
  });

  app.post('/agent/sign_ins/:id/phone', async (c) => {
    const body = await readMerchantBody(c, z.strictObject({ phone: z.string().max(40) }));
    return c.json(await sendSignInCode(services, c.req.param('id'), body.phone, addressOf(c)));
  });

  app.post('/agent/sign_ins/:id/code', async (c) => {
    const body = await readMerchantBody(c, z.strictObject({ code: z.string().max(10) }));
    await verifySignInCode(services, c.req.param('id'), body.code.trim());
    return c.json({ signed_in: true, as: 'customer' });
  });

  app.get('/sign-in/:id', async (c) => {
    const signIn = await db
      .selectFrom('sign_ins')
      .select(['id', 'merchant_id'])
      .where('id', '=', c.req.param('id'))
      .executeTakeFirst();
    const page = renderSignInPage(signIn ?? null);
    c.header('Content-Security-Policy', page.csp);
    return c.html(page.html, signIn ? 200 : 404);
  });

  app.get('/agent/account', async (c) => {
    const now = services.now();
    const key = await findSpendKey(db, c.req.header('authorization'), now);
    const subscription = key.customer_id
      ? await subscriptionsQuery(db, key.merchant_id)
          .where('subscriptions.customer_id', '=', key.customer_id)
          .where('subscriptions.status', '=', 'active')
          .executeTakeFirst()
      : undefined;
    return c.json({
      merchant_id: key.merchant_id,
      customer_id: key.customer_id,
      spend_key: toRestSpendKey(key, now),
      subscription: subscription ? toRestSubscriptionBase(subscription) : null,
    });
  });

  // A customer out of credits: a checkout of the standalone page that sells them more.
  app.post('/agent/checkout_sessions', async (c) => {
    const key = await findSpendKey(db, c.req.header('authorization'), services.now());
    return c.json(await mintTopUpCheckout(services, key), 201);
  });

  app.get('/agent/usage', async (c) => {
    const now = services.now();
    const key = await findSpendKey(db, c.req.header('authorization'), now);
    const query = readMerchantQuery(
      c,
      z.strictObject({
        days: z
          .string()
          .regex(/^\d{1,2}$/)
          .optional(),
      }),
    );
    const days = Math.min(90, Math.max(1, Number(query.days ?? '30')));
    const start = new Date(now.getTime() - days * DAY_MS).toISOString();
    return c.json(
      await summarizeUsage(
        services,
        {
          merchantId: key.merchant_id,
          customerId: key.customer_id ?? undefined,
          meterId: key.meter_id ?? undefined,
        },
        { start, end: now.toISOString() },
      ),
    );
  });

  return app;
}
