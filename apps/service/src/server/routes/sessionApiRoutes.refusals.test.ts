import { beforeEach, describe, expect, it } from 'vitest';
import { CheckoutApiError, createCheckoutApi } from '../../page/createCheckoutApi.ts';
import { describeError } from '../../page/describeError.ts';
import { createI18n } from '../../page/i18n/createI18n.ts';
import { testPaymentMethod } from '../testing/startTestService.ts';
import { testServiceEachTest } from '../testing/testServiceEachTest.ts';

// Every limit's refusal, asked of the real service over HTTP by the page's own API client, and
// read as the page shows it: the customer can tell whose limit it was (this number, their
// network, this checkout), in English and in Spanish.

const DECLINED = testPaymentMethod('4000 0000 0000 0002');
const SECOND = 1000;
const MINUTE = 60 * SECOND;

let numbers: number;
beforeEach(() => {
  numbers = 0;
});
// Behind a proxy we run: each call says which address it comes from.
const t = testServiceEachTest({ config: { trustedProxies: 1 } });

/** A phone number no other check here uses. */
const freshPhone = () => `+1415555${String(100 + numbers++).padStart(4, '0')}`;

/** A session, and the page's API client for it, calling from `ip`. */
async function page(ip: string) {
  const { secret } = await t.mint();
  const api = createCheckoutApi(secret, (input, init) =>
    fetch(new URL(String(input).slice(1), t.service.url), {
      ...init,
      headers: { ...(init?.headers as Record<string, string>), 'x-forwarded-for': ip },
    }),
  );
  return { api, secret };
}

/** A session whose phone is verified, ready to pay. */
async function verified(ip: string, phone = freshPhone()) {
  const { api } = await page(ip);
  await api.sendCode(phone);
  await api.verifyCode(await t.latestCode(phone));
  return api;
}

async function refusal(call: Promise<unknown>): Promise<CheckoutApiError> {
  const error = await call.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof CheckoutApiError)) throw new Error(`not refused: ${String(error)}`);
  expect(error.status).toBe(429);
  return error;
}

/** Another address, for the steps of a check that must not count against its own. */
let others = 0;
const otherAddress = () => `192.0.2.${++others}`;

/** Each limit, reached from an address and with phones of its own; and its words, en and es. */
const LIMITS: Record<
  string,
  { reach: (ip: string) => Promise<CheckoutApiError>; en: RegExp; es: RegExp }
> = {
  'codes in one session': {
    reach: async (ip) => {
      const { api } = await page(ip);
      const phone = freshPhone();
      for (const wait of [0, 30, 60]) {
        t.clock.now += wait * SECOND;
        await api.sendCode(phone);
      }
      t.clock.now += 2 * MINUTE;
      return refusal(api.sendCode(phone));
    },
    en: /one checkout/,
    es: /un pago/,
  },
  'the resend cool-down of a number': {
    reach: async (ip) => {
      const phone = freshPhone();
      await (await page(ip)).api.sendCode(phone);
      return refusal((await page(ip)).api.sendCode(phone));
    },
    en: /for this number/,
    es: /para este número/,
  },
  'codes to one number': {
    reach: async (ip) => {
      const phone = freshPhone();
      for (const wait of [0, 30, 60]) {
        t.clock.now += wait * SECOND;
        await (await page(otherAddress())).api.sendCode(phone);
      }
      t.clock.now += 2 * MINUTE;
      return refusal((await page(ip)).api.sendCode(phone));
    },
    en: /to this number/,
    es: /a este número/,
  },
  'codes from one address': {
    reach: async (ip) => {
      for (let i = 0; i < 10; i++) await (await page(ip)).api.sendCode(freshPhone());
      return refusal((await page(ip)).api.sendCode(freshPhone()));
    },
    en: /from your network/,
    es: /desde tu red/,
  },
  'checks of one code': {
    reach: async (ip) => {
      const phone = freshPhone();
      const { api } = await page(ip);
      await api.sendCode(phone);
      const wrong = (await t.latestCode(phone)) === '000000' ? '111111' : '000000';
      for (let i = 0; i < 5; i++) await api.verifyCode(wrong).catch(() => {});
      return refusal(api.verifyCode(wrong));
    },
    en: /this code/,
    es: /este código/,
  },
  'wrong codes for one number': {
    reach: async (ip) => {
      const phone = freshPhone();
      const sessionWithCode = async () => {
        t.clock.now += 11 * MINUTE;
        const { api } = await page(ip);
        await api.sendCode(phone);
        const wrong = (await t.latestCode(phone)) === '000000' ? '111111' : '000000';
        return { api, wrong };
      };
      const first = await sessionWithCode();
      for (let i = 0; i < 5; i++) await first.api.verifyCode(first.wrong).catch(() => {});
      const second = await sessionWithCode();
      for (let i = 0; i < 4; i++) await second.api.verifyCode(second.wrong).catch(() => {});
      // The tenth wrong code locks the number.
      return refusal(second.api.verifyCode(second.wrong));
    },
    en: /for this number/,
    es: /para este número/,
  },
  'payment attempts in one session': {
    reach: async (ip) => {
      const api = await verified(ip);
      for (let i = 0; i < 5; i++) await api.subscribe(DECLINED).catch(() => {});
      return refusal(api.subscribe(DECLINED));
    },
    en: /in this checkout/,
    es: /esta compra/,
  },
  'payment attempts for one number': {
    reach: async (ip) => {
      const phone = freshPhone();
      for (let session = 0; session < 2; session++) {
        t.clock.now += 11 * MINUTE;
        const api = await verified(otherAddress(), phone);
        for (let i = 0; i < 5; i++) await api.subscribe(DECLINED).catch(() => {});
      }
      t.clock.now += 11 * MINUTE;
      return refusal((await verified(ip, phone)).subscribe(DECLINED));
    },
    en: /for this number/,
    es: /con este número/,
  },
  'payment attempts from one address': {
    reach: async (ip) => {
      for (let session = 0; session < 2; session++) {
        const api = await verified(ip);
        for (let i = 0; i < 5; i++) await api.subscribe(DECLINED).catch(() => {});
      }
      return refusal((await verified(ip)).subscribe(DECLINED));
    },
    en: /from your network/,
    es: /desde tu red/,
  },
};

describe("the page's words for each limit's refusal", () => {
  it('name whose limit it was, differently for each, in English and Spanish', async () => {
    const refusals: [string, CheckoutApiError][] = [];
    let address = 0;
    for (const [limit, { reach }] of Object.entries(LIMITS)) {
      address += 1;
      refusals.push([limit, await reach(`198.51.100.${address}`)]);
    }
    // Nine refusals, nine codes: the page cannot mix them up.
    expect(new Set(refusals.map(([, error]) => error.code)).size).toBe(refusals.length);
    for (const lang of ['en', 'es'] as const) {
      const i18n = createI18n(lang);
      const read = Object.fromEntries(
        refusals.map(([limit, error]) => [limit, describeError(i18n, error)]),
      );
      expect(read).toEqual(
        Object.fromEntries(
          Object.entries(LIMITS).map(([limit, words]) => [
            limit,
            expect.stringMatching(words[lang]),
          ]),
        ),
      );
      expect(new Set(Object.values(read)).size).toBe(refusals.length);
    }
  });
});
