import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Lava } from '@lavapayments/nodejs';
import { afterEach, describe, expect, it } from 'vitest';
import { checkLedger } from '../../credits/checkLedger.ts';
import { readCreditUnits, toCreditUnits } from '../../credits/creditUnits.ts';
import { openDatabase } from '../../platform/db/openDatabase.ts';
import { Money } from '../../platform/money/Money.ts';
import { checkoutAcross, mintFor } from '../../testing/checkoutOverHttp.ts';
import { querySqliteFile } from '../../testing/querySqliteFile.ts';
import { PROCESS_TEST_BUDGET_MS } from '../../testing/runServiceCommand.ts';
import { type ServiceProcess, spawnService } from '../../testing/spawnService.ts';
import { type FakeProvider, startFakeProvider } from '../../testing/startFakeProvider.ts';
import { writeTestPage } from '../../testing/startTestService.ts';

const CALLS = 1000;
const IN_FLIGHT = 16;

let service: ServiceProcess | undefined;
let fake: FakeProvider | undefined;
afterEach(async () => {
  await service?.kill();
  await fake?.close();
});

describe('gateway billing across a crash', () => {
  it(
    'bills every call that reached the provider exactly once when the service is killed during 1,000 calls and restarted',
    async () => {
      fake = await startFakeProvider({ chunks: 3 });
      const provider = fake;
      const config = {
        dataDir: mkdtempSync(join(tmpdir(), 'lava-data-')),
        pageDir: writeTestPage(),
        trustedProxies: 1,
        providerSettings: {
          LAVA_PROVIDER_OPENAI_KEY: provider.apiKey,
          LAVA_PROVIDER_OPENAI_URL: provider.url,
        },
      };
      const file = join(config.dataDir, 'checkout.sqlite');
      service = await spawnService(config);
      const { secretKey, planId } = service.devMerchant;
      const paid = await checkoutAcross(
        await mintFor(service.url, secretKey, planId),
        '+14155550100',
        { phoneAt: service.url, codeAt: service.url, payAt: service.url },
      );
      // The development plan: 25.00 of credit, the ai-chat-tokens meter; 1,000 calls cost < 1.00.
      const token = new Lava(secretKey).generateForwardToken({
        customer_id: String(paid.customer_id),
        meter_slug: 'ai-chat-tokens',
      });

      /** The request ids the restarted service answered with. */
      const answeredAfterRestart: string[] = [];
      let restarted = false;
      let up: Promise<void> = Promise.resolve();
      const call = async (i: number, at: ServiceProcess): Promise<string | null> => {
        const lava = new Lava(secretKey, { baseUrl: `${at.url}v1/` });
        const stream = i % 2 === 1;
        try {
          const response = await fetch(`${lava.providers.openai}/chat/completions`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            body: JSON.stringify({
              model: 'gpt-4o-mini',
              messages: [{ role: 'user', content: `call ${i}` }],
              max_tokens: 64,
              ...(stream ? { stream: true } : {}),
            }),
          });
          await response.arrayBuffer();
          expect(response.status).toBe(200);
          return response.headers.get('x-lava-request-id');
        } catch (error) {
          // The service died under this call: the client heard nothing it could bill by.
          if (error instanceof TypeError) return null;
          throw error;
        }
      };
      let next = 0;
      const callers = Array.from({ length: IN_FLIGHT }, async () => {
        for (;;) {
          await up;
          const i = next++;
          if (i >= CALLS) return;
          const after = restarted;
          const id = await call(i, service as ServiceProcess);
          if (after && id) answeredAfterRestart.push(id);
        }
      });

      // Killed once a random number of calls have reached the provider, wherever each one is.
      const killAt = 100 + Math.floor(Math.random() * 800);
      await provider.waitForRequests(killAt);
      let reopen = () => {};
      up = new Promise((resolve) => {
        reopen = resolve;
      });
      await service.kill();
      const beforeCrash = provider.requestCount();
      // The same database file: recovery settles what the dead process left open, then it listens.
      service = await spawnService(config);
      restarted = true;
      reopen();
      await Promise.all(callers);

      // Calls are recorded after their answer: wait until none holds a reservation.
      for (let polls = 0; ; polls++) {
        const open = querySqliteFile<{ n: number }>(
          file,
          `select count(*) as n from credit_reservations where status = 'open'`,
        )[0]?.n;
        if (open === 0) break;
        if (polls > 500) throw new Error(`${open} reservations stayed open`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await service.stop();

      const upstream = provider.requests.map((r) => String(r.headers['x-lava-request-id']));
      expect(new Set(upstream).size).toBe(upstream.length);
      expect(upstream.every((id) => /^req_test_/.test(id))).toBe(true);

      const reservations = new Map(
        querySqliteFile<{ request_id: string; status: string; amount: string | number }>(
          file,
          'select request_id, status, amount from credit_reservations',
        ).map((r) => [r.request_id, r]),
      );
      const recorded = new Map(
        querySqliteFile<{ id: string; charge: string }>(
          file,
          'select id, charge from usage_requests where provider is not null',
        ).map((r) => [r.id, r]),
      );
      const drawn = new Map(
        querySqliteFile<{ request_id: string; drawn: string | number }>(
          file,
          `select request_id, sum(amount) as drawn from credit_entries
         where kind in ('draw', 'overage') group by request_id`,
        ).map((r) => [r.request_id, -readCreditUnits(r.drawn)]),
      );

      let settledByRecovery = 0;
      for (const id of upstream) {
        const reservation = reservations.get(id);
        expect(reservation?.status, id).toBe('settled');
        const row = recorded.get(id);
        // Billed once: what was drawn for the call is its recorded charge, or, when the process
        // died before recording it, its reservation (recovery settles it at its estimate).
        const expected = row
          ? toCreditUnits(new Money(row.charge))
          : readCreditUnits(reservation?.amount ?? 0);
        if (!row) settledByRecovery += 1;
        expect(drawn.get(id), id).toBe(expected);
      }
      // A call billed without reaching the provider is one recovery found reserved and not sent
      // (at its estimate, once); every recorded call reached it.
      const reached = new Set(upstream);
      for (const [id, amount] of drawn) {
        if (reached.has(id)) continue;
        expect(recorded.has(id), id).toBe(false);
        expect(amount).toBe(readCreditUnits(reservations.get(id)?.amount ?? 0));
      }
      // Every call answered after the restart was billed and recorded.
      expect(answeredAfterRestart.length).toBeGreaterThan(0);
      for (const id of answeredAfterRestart) expect(recorded.has(id), id).toBe(true);
      expect(beforeCrash).toBeGreaterThanOrEqual(killAt);
      expect(upstream.length).toBeGreaterThan(beforeCrash);

      const { db } = await openDatabase(file);
      try {
        expect(await checkLedger(db)).toEqual([]);
      } finally {
        await db.destroy();
      }
      console.log(
        `gateway crash: killed after ${killAt} arrivals (${beforeCrash} by the time it died), ${upstream.length} of ${CALLS} calls reached the provider, ${settledByRecovery} billed by recovery at their estimate, ${drawn.size - upstream.length} billed at their estimate without reaching it`,
      );
    },
    PROCESS_TEST_BUDGET_MS,
  );
});
