import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { CheckoutPage } from './CheckoutPage.tsx';
import { createI18n } from './i18n/createI18n.ts';
import { createFakeApi } from './testing/createFakeApi.ts';
import { createFakeBridge } from './testing/createFakeBridge.ts';
import { createManualClock } from './testing/createManualClock.ts';
import { FAKE_BRAND, FAKE_UNBRANDED, fakeBootstrap } from './testing/fakeBootstrap.ts';
import { typeCard } from './testing/typeCard.ts';

const { t, money } = createI18n('en');

function renderPage(merchant: typeof FAKE_BRAND, step: 'phone' | 'payment' = 'phone') {
  const bridge = createFakeBridge({ locale: 'en' });
  render(
    <CheckoutPage
      bootstrap={fakeBootstrap(step, { merchant })}
      api={createFakeApi()}
      bridge={bridge}
      languages={['en-US']}
      clock={createManualClock()}
    />,
  );
  return { bridge };
}

describe('the checkout page with a merchant’s brand', () => {
  it('given a brand, the header shows its name and logo', () => {
    renderPage(FAKE_BRAND);
    const summary = screen.getByRole('region', { name: t.summary.orderSummary });
    expect(within(summary).getByText('Acme AI')).toBeVisible();
    expect(screen.queryByText('Lava Demo Merchant')).toBeNull();
    // The logo sits beside the name it shows, so it is not read out twice.
    const logo = within(summary).getByRole('presentation');
    expect(logo).toHaveAttribute('src', FAKE_BRAND.logoUrl);
    expect(logo).toHaveAttribute('alt', '');
    expect(logo).toHaveAttribute('width', '28');
    expect(logo).toHaveAttribute('height', '28');
  });

  it('given a brand, the footer links its terms, privacy and support, each in a new tab', () => {
    renderPage(FAKE_BRAND);
    const footer = screen.getByRole('contentinfo');
    const expected = [
      [t.summary.terms, 'https://acme.example.com/terms'],
      [t.summary.privacy, 'https://acme.example.com/privacy'],
      [t.summary.support, 'mailto:support@acme.example.com'],
    ] as const;
    for (const [name, href] of expected) {
      const link = within(footer).getByRole('link', { name });
      expect(link).toHaveAttribute('href', href);
      expect(link).toHaveAttribute('target', '_blank');
      expect(link.getAttribute('rel')?.split(' ')).toContain('noopener');
    }
  });

  it('given a brand, success offers the way back to it by name', async () => {
    renderPage(FAKE_BRAND, 'payment');
    // The card fields load with the payment step.
    await typeCard(userEvent, screen, t, { number: '4242424242424242' });
    await userEvent.click(
      screen.getByRole('button', { name: t.payment.subscribe.month(money('49.00')) }),
    );
    expect(await screen.findByRole('button', { name: t.actions.backTo('Acme AI') })).toBeVisible();
  });

  it('given only a name, the page shows no logo and no links', () => {
    renderPage(FAKE_UNBRANDED);
    expect(screen.getByText('Lava Demo Merchant')).toBeVisible();
    expect(screen.queryByRole('presentation')).toBeNull();
    expect(within(screen.getByRole('contentinfo')).queryAllByRole('link')).toEqual([]);
  });
});
