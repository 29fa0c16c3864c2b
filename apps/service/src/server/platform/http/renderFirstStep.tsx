import { parseAccept } from 'hono/utils/accept';
import { renderToString } from 'react-dom/server';
import { CheckoutPage } from '../../../page/CheckoutPage.tsx';
import type { CheckoutApi } from '../../../page/createCheckoutApi.ts';
import type { FrameBridge } from '../../../page/createFrameBridge.ts';
import { firstStep } from '../../../page/firstStep.ts';
import { createI18n, pickLocale } from '../../../page/i18n/createI18n.ts';
import {
  LOAD_ERROR_ELEMENT_ID,
  type PageBootstrap,
  WAITS_FOR_SCRIPT_ATTRIBUTE,
} from '../../../shared/PageBootstrap.ts';

/** The first step, as the page's root holds it, and the language it is written in. */
export interface FirstStep {
  html: string;
  lang: string;
}

/**
 * On the server nobody embeds the page yet: the page's own code answers the SDK. The locale is
 * the one the SDK put in the frame's address, which its handshake will confirm. The standalone
 * page has no parent to wait for, and renders as it will stay.
 */
const noParentYet = (locale: string | null, standalone: boolean): FrameBridge => ({
  mode: () => (standalone ? 'standalone' : 'pending'),
  subscribe: () => () => {},
  step() {},
  success() {},
  cancel() {},
  error() {},
  appearance: () => null,
  locale: () => locale,
  resize() {},
  requestClose() {},
  focusExit() {},
  onFocusEnter: () => () => {},
  dispose() {},
});

const answeredInTheBrowser = () =>
  Promise.reject(
    new Error('Lava Checkout: a page rendered on the server sends nothing; its own code does.'),
  );
const noRequests: CheckoutApi = {
  sendCode: answeredInTheBrowser,
  verifyCode: answeredInTheBrowser,
  subscribe: answeredInTheBrowser,
  buy: answeredInTheBrowser,
};

/**
 * The session's first screen as HTML, rendered with the page's own components in the
 * customer's language (the SDK's `locale` option, else `Accept-Language`): the phone or code step with the order summary,
 * or the screen of a session that cannot be used. The browser shows it, and takes typing,
 * before any of the page's JavaScript has loaded; that code then takes over from it. The card
 * step (a page reloaded after the phone was verified) needs its code to be of use, so it is
 * left to the browser (empty `html`). Its buttons are disabled until the page's entry script
 * runs. Below the step, an empty alert holds the words for a page whose code could not load.
 */
export function renderFirstStep(
  bootstrap: PageBootstrap,
  acceptLanguage: string | undefined,
  requestedLocale: string | null = null,
): FirstStep {
  const languages = acceptLanguage ? parseAccept(acceptLanguage).map(({ type }) => type) : [];
  const lang = pickLocale(requestedLocale, languages);
  if (bootstrap.status === 'active' && firstStep(bootstrap) === 'payment')
    return { html: '', lang };
  // Below the step, empty until the page's code fails to load: then it says so.
  const html = renderToString(
    <>
      <CheckoutPage
        bootstrap={bootstrap}
        bridge={noParentYet(requestedLocale, bootstrap.standalone === true)}
        api={noRequests}
        languages={languages}
      />
      <p
        id={LOAD_ERROR_ELEMENT_ID}
        role="alert"
        className="error"
        data-message={createI18n(lang).t.errors.page_unavailable}
      />
    </>,
  );
  // Typing needs no script; a press does: buttons wait for the page's entry to enable them.
  const waiting = html.replace(
    /<button(?=[\s>])/g,
    `<button disabled="" ${WAITS_FOR_SCRIPT_ATTRIBUTE}=""`,
  );
  return { html: waiting, lang };
}
