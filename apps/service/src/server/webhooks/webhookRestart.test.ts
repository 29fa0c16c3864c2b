import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyWebhook, type WebhookEvent } from '@lava-checkout/server';
import { afterEach, describe, expect, it } from 'vitest';
import { checkoutAcross, mintFor } from '../testing/checkoutOverHttp.ts';
import { type ServiceProcess, spawnService } from '../testing/spawnService.ts';
import { writeTestPage } from '../testing/startTestService.ts';
import { subscribeWebhook } from '../testing/subscribeWebhook.ts';
import { startWebhookReceiver } from '../testing/webhookReceiver.ts';

let service: ServiceProcess | undefined;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>> | undefined;
afterEach(async () => {
  await service?.kill();
  await receiver?.close();
});

describe('webhooks across a crash', () => {
  it('delivers every event exactly once to a receiver that deduplicates by event id, after the service is killed mid-delivery and restarted', async () => {
    // Every delivery is held open: the checkout's three events go out side by side, and the
    // service is killed while it waits for their answers.
    let holding = true;
    receiver = await startWebhookReceiver(() => (holding ? 'hold' : 200));
    const config = {
      dataDir: mkdtempSync(join(tmpdir(), 'lava-data-')),
      pageDir: writeTestPage(),
      trustedProxies: 1,
    };
    service = await spawnService(config);
    const { secretKey, planId } = service.devMerchant;
    const secret = await subscribeWebhook(service.url, secretKey, receiver.url);

    const url = service.url;
    const paid = await checkoutAcross(await mintFor(url, secretKey, planId), '+14155550100', {
      phoneAt: url,
      codeAt: url,
      payAt: url,
    });
    await receiver.until(3);
    await service.kill();
    expect(receiver.received).toHaveLength(3);

    holding = false;
    service = await spawnService(config);
    await receiver.until(6);

    // The receiver: verify each delivery, then handle each event id once.
    const handled = new Map<string, WebhookEvent>();
    for (const delivery of receiver.received) {
      const event = await verifyWebhook(delivery.body, delivery.lavaSignature, secret);
      expect(event.id).toBe(delivery.eventId);
      if (!handled.has(event.id)) handled.set(event.id, event);
    }
    expect([...handled.values()].map((e) => e.event).sort()).toEqual([
      'checkout.completed',
      'customer.created',
      'subscription.created',
    ]);
    expect([...handled.values()].find((e) => e.event === 'checkout.completed')?.data).toMatchObject(
      {
        customer_id: paid.customer_id,
        subscription_id: paid.subscription_id,
      },
    );
    // Each held delivery came twice (at least once), under the same id and body.
    expect(receiver.received).toHaveLength(6);
    for (const held of receiver.received.slice(0, 3)) {
      const again = receiver.received.slice(3).filter((d) => d.eventId === held.eventId);
      expect(again.map((d) => d.body)).toEqual([held.body]);
    }

    const [first] = receiver.received;
    await expect(
      verifyWebhook(
        first?.body.replace('"customer_id":"con_', '"customer_id":"con_X') ?? '',
        first?.lavaSignature,
        secret,
      ),
    ).rejects.toThrow(/signature mismatch/);
  }, 60_000);
});
