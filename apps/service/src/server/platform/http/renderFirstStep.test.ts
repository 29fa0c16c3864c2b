import { describe, expect, it } from 'vitest';
import { fakeBootstrap } from '../../../page/testing/fakeBootstrap.ts';
import { renderFirstStep } from './renderFirstStep.tsx';

describe('renderFirstStep', () => {
  it('renders the phone step with the order summary, a labelled field and no script', () => {
    const { html, lang } = renderFirstStep(fakeBootstrap('phone'), 'en-US,en;q=0.9');
    expect(lang).toBe('en-US');
    expect(html).toMatch(/<label for="([^"]+)">Phone number<\/label>/);
    const id = /<label for="([^"]+)">Phone number/.exec(html)?.[1];
    expect(html).toContain(`id="${id}"`);
    expect(html).toContain('name="phone"');
    expect(html).toContain('>Send code</button>');
    // Until the page's entry script can hold what a press does.
    expect(html).toMatch(/<button disabled="" data-lava-waits="" type="submit"[^>]*>Send code</);
    expect(html).toContain('Pro Plan');
    expect(html).not.toContain('<script');
    // Nobody embeds it yet: the button for the older SDK's overlay is the page's code's to add.
    expect(html).not.toContain('>Cancel<');
  });

  it("speaks the first of the customer's languages it knows", () => {
    const { html, lang } = renderFirstStep(fakeBootstrap('phone'), 'fr-FR, es-MX;q=0.8, en;q=0.5');
    expect(lang).toBe('es-MX');
    expect(html).toContain('Número de teléfono');
  });

  it("holds the words for a page whose code could not load, in the customer's language", () => {
    const { html } = renderFirstStep(fakeBootstrap('phone'), 'es');
    expect(html).toContain(
      '<p id="lava-load-error" role="alert" class="error" data-message="No se pudo cargar el pago. Ciérralo e inténtalo de nuevo."></p>',
    );
  });

  it("speaks the SDK's locale first, and ignores one that is no language tag", () => {
    const { html, lang } = renderFirstStep(fakeBootstrap('phone'), 'en-US', 'es');
    expect(lang).toBe('es');
    expect(html).toContain('Número de teléfono');
    expect(renderFirstStep(fakeBootstrap('phone'), 'en-US', 'es-<x>').lang).toBe('en-US');
  });

  it('speaks English without an Accept-Language header', () => {
    expect(renderFirstStep(fakeBootstrap('phone'), undefined).lang).toBe('en');
  });

  it("escapes the merchant's and the plan's names", () => {
    const bootstrap = fakeBootstrap('phone');
    if (bootstrap.status !== 'active' || bootstrap.offer.kind !== 'subscription') throw new Error();
    bootstrap.merchant.name = '<img src=x onerror=alert(1)>';
    bootstrap.offer.planName = '</div><script>alert(1)</script>';
    const { html } = renderFirstStep(bootstrap, 'en');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('renders the code step of a session with a live code, and the screen of an ended one', () => {
    expect(renderFirstStep(fakeBootstrap('code'), 'en').html).toContain('Verification code');
    const ended = renderFirstStep(
      {
        status: 'expired',
        checkoutSessionId: 'cs_1',
        originUrl: 'https://shop.example',
        mode: 'subscription',
      },
      'en',
    );
    expect(ended.html).toContain('<h1');
  });

  it('leaves the card step to the page’s own code', () => {
    expect(renderFirstStep(fakeBootstrap('payment'), 'en').html).toBe('');
  });
});
