import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, within } from 'storybook/test';
import type { CheckoutPage } from './CheckoutPage.tsx';
import { createI18n, type Language } from './i18n/createI18n.ts';
import './styles.css';
import { createFakeApi } from './testing/createFakeApi.ts';
import { createFakeBridge } from './testing/createFakeBridge.ts';
import { createManualClock } from './testing/createManualClock.ts';
import { FAKE_BRAND, FAKE_UNBRANDED, fakeBootstrap } from './testing/fakeBootstrap.ts';
import { like } from './testing/like.ts';
import { pageStoryMeta, type Theme } from './testing/pageStoryMeta.tsx';
import { typeCard } from './testing/typeCard.ts';

const meta = {
  title: 'Checkout page/Brand',
  ...pageStoryMeta(fakeBootstrap('phone', { merchant: FAKE_BRAND })),
} satisfies Meta<typeof CheckoutPage>;

export default meta;
type Story = StoryObj<typeof meta>;

const variant = (
  merchant: typeof FAKE_BRAND,
  step: 'phone' | 'payment',
  lang: Language,
  theme: Theme,
  play: (canvas: ReturnType<typeof within>, i18n: ReturnType<typeof createI18n>) => Promise<void>,
): Story => ({
  args: {
    bootstrap: fakeBootstrap(step, { merchant }),
    api: createFakeApi(),
    bridge: createFakeBridge({ locale: lang }),
    clock: createManualClock(),
  },
  parameters: { theme },
  play: async ({ canvasElement }) => play(within(canvasElement), createI18n(lang)),
});

/** The merchant's name and logo head the summary; its terms, privacy and support close it. */
const branded = async (canvas: ReturnType<typeof within>, { t }: ReturnType<typeof createI18n>) => {
  const summary = canvas.getByRole('region', { name: t.summary.orderSummary });
  await expect(within(summary).getByText('Acme AI')).toBeVisible();
  await expect(within(summary).getByRole('presentation')).toBeVisible();
  const footer = canvas.getByRole('contentinfo');
  for (const name of [t.summary.terms, t.summary.privacy, t.summary.support]) {
    const link = within(footer).getByRole('link', { name });
    await expect(link).toBeVisible();
    await expect(link).toHaveAttribute('target', '_blank');
  }
};
export const Branded = variant(FAKE_BRAND, 'phone', 'en', 'light', branded);
export const BrandedDark = variant(FAKE_BRAND, 'phone', 'en', 'dark', branded);
export const BrandedSpanish = variant(FAKE_BRAND, 'phone', 'es', 'light', branded);

/** After paying, the way back names the merchant. */
const brandedSuccess = async (
  canvas: ReturnType<typeof within>,
  { t, money }: ReturnType<typeof createI18n>,
) => {
  await typeCard(userEvent, canvas, t, { number: '4242424242424242' });
  await userEvent.click(
    canvas.getByRole('button', { name: like(t.payment.subscribe.month(money('49.00'))) }),
  );
  await expect(
    await canvas.findByRole('button', { name: t.actions.backTo('Acme AI') }),
  ).toBeVisible();
};
export const BrandedSuccess = variant(FAKE_BRAND, 'payment', 'en', 'light', brandedSuccess);
export const BrandedSuccessSpanish = variant(FAKE_BRAND, 'payment', 'es', 'dark', brandedSuccess);

/** A session that ended before the page opened: the way back names the merchant too. */
export const BrandedExpired: Story = {
  args: {
    bootstrap: {
      status: 'expired',
      checkoutSessionId: fakeBootstrap().checkoutSessionId,
      originUrl: 'http://localhost:4000',
      mode: 'subscription',
      merchantName: 'Acme AI',
    },
    api: createFakeApi(),
    bridge: createFakeBridge({ locale: 'en' }),
    clock: createManualClock(),
  },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    const { t } = createI18n('en');
    await expect(
      canvas.getByRole('heading', { level: 1, name: t.ended.expiredTitle }),
    ).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: t.actions.backTo('Acme AI') }));
    await expect(args.bridge.requestClose).toHaveBeenCalledTimes(1);
  },
};

/** A merchant that set only its name: no logo, and no links but the quiet word on who runs it. */
const unbranded = async (
  canvas: ReturnType<typeof within>,
  { t }: ReturnType<typeof createI18n>,
) => {
  await expect(canvas.getByText('Lava Demo Merchant')).toBeVisible();
  await expect(canvas.queryByRole('presentation')).toBeNull();
  const footer = canvas.getByRole('contentinfo');
  await expect(within(footer).getByText(t.summary.secured)).toBeVisible();
  await expect(within(footer).queryAllByRole('link')).toEqual([]);
};
export const Unbranded = variant(FAKE_UNBRANDED, 'phone', 'en', 'light', unbranded);
export const UnbrandedDark = variant(FAKE_UNBRANDED, 'phone', 'en', 'dark', unbranded);
