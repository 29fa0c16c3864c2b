import { describe, expect, it } from 'vitest';
import { testPaymentMethod } from '../testing/startTestService.ts';
import { testServiceEachTest } from '../testing/testServiceEachTest.ts';

const t = testServiceEachTest();

/** One whole checkout as the page makes it: open the page, phone, code, pay. */
async function checkout(phone: string) {
  const { secret } = await t.mint();
  expect((await fetch(`${t.service.url}embed/checkout/${secret}`)).status).toBe(200);
  expect((await t.post('phone', secret, { phone })).status).toBe(200);
  const code = await t.latestCode(phone.replace(/\s/g, ''));
  expect((await t.post('code', secret, { code })).status).toBe(200);
  expect((await t.post('subscribe', secret, testPaymentMethod())).status).toBe(200);
}

describe('what one checkout costs the embedded database', () => {
  it('is at most 18 statements and 6 commits', async () => {
    // The first checkout of a process also looks up the merchant's key; later ones do not.
    await checkout('+1 415 555 0100');
    const before = { ...t.service.services.counts };
    await checkout('+1 415 555 0101');
    const cost = {
      statements: t.service.services.counts.statements - before.statements,
      commits: t.service.services.counts.commits - before.commits,
    };
    console.log('Lava Checkout: one checkout cost', cost);
    // 15, and 3 since checkout grants the plan's credit in the ledger: the grant, its entry, the account.
    expect(cost.statements).toBeLessThanOrEqual(18);
    expect(cost.commits).toBeLessThanOrEqual(6);
  });
});
