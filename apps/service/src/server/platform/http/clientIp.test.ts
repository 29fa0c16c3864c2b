import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { seedLiveMerchant } from '../../testing/seedLiveMerchant.ts';
import { type ForwardingProxy, startForwardingProxy } from '../../testing/startForwardingProxy.ts';
import { START, startTestService, type TestService } from '../../testing/startTestService.ts';

let t: TestService | undefined;
let proxy: ForwardingProxy | undefined;
afterEach(async () => {
  await proxy?.close();
  await t?.close();
  proxy = undefined;
  t = undefined;
});

/** The i-th of 100 numbers of one area: each send below goes to a phone of its own. */
const phone = (i: number) => `+1 415 555 01${String(i).padStart(2, '0')}`;

/** Asks for a code through `baseUrl`, in a fresh session, with this `X-Forwarded-For`. */
async function send(
  mint: () => Promise<{ secret: string }>,
  baseUrl: string,
  i: number,
  forwardedFor: string,
) {
  const { secret } = await mint();
  const response = await fetch(`${baseUrl}api/checkout/phone`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${secret}`,
      'x-forwarded-for': forwardedFor,
    },
    body: JSON.stringify({ phone: phone(i) }),
  });
  const body = (await response.json()) as { error?: { code: string } };
  return { status: response.status, code: body.error?.code };
}

describe('the client address, behind a proxy that appends the address it saw', () => {
  it("is the proxy's entry: a client varying X-Forwarded-For gets 10 codes an hour, not 40", async () => {
    // Production, where every address counts: the proxy reaches the service over loopback.
    const dataDir = mkdtempSync(join(tmpdir(), 'lava-data-'));
    const merchant = await seedLiveMerchant(dataDir, new Date(START));
    const sms: { to: string; body: string }[] = [];
    t = await startTestService({
      dataDir,
      config: { production: true, trustedProxies: 1 },
      parts: { sms: { send: async (message) => void sms.push(message) } },
    });
    const service = t;
    const mint = () => service.mint({ plan_id: merchant.planId }, merchant.secretKey);
    proxy = await startForwardingProxy(t.service.url);

    const answers = [];
    for (let i = 0; i < 40; i++) {
      answers.push(await send(mint, proxy.url, i, `203.0.113.${i}, 198.51.100.${i}`));
    }
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(10);
    expect(answers.slice(10)).toEqual(
      Array.from({ length: 30 }, () => ({ status: 429, code: 'too_many_sends_from_address' })),
    );
    expect(sms).toHaveLength(10);
  });
});

describe('IPv6 clients', () => {
  it('count by their /64: 15 addresses of one network share one limit', async () => {
    t = await startTestService({ config: { trustedProxies: 1 } });
    const service = t;
    const mint = () => service.mint();
    const addresses = Array.from(
      { length: 15 },
      (_, i) => `2001:db8:85a3:8d3:${(i * 4099).toString(16)}:8a2e:370:${(7334 + i).toString(16)}`,
    );
    addresses[14] = '2001:0DB8:85A3:08D3:0000:0000:0000:0001'; // written out in full, in capitals
    const answers = [];
    for (const [i, address] of addresses.entries()) {
      answers.push(await send(mint, t.service.url, i, address));
    }
    expect(answers.map((answer) => answer.status)).toEqual([
      ...Array.from({ length: 10 }, () => 200),
      ...Array.from({ length: 5 }, () => 429),
    ]);
    expect(answers.at(-1)).toEqual({ status: 429, code: 'too_many_sends_from_address' });
    // The next /64 is another client.
    expect(await send(mint, t.service.url, 15, '2001:db8:85a3:8d4::1')).toEqual({
      status: 200,
      code: undefined,
    });
  });
});
