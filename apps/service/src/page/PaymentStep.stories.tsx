import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import PaymentStep from './PaymentStep.tsx';
import { createFakeApi, FAKE_CARD_ON_FILE, FAKE_CUSTOMER_ID } from './testing/createFakeApi.ts';
import { createFakeStripeJs } from './testing/createFakeStripeJs.ts';
import { FAKE_BUNDLE_OFFER, FAKE_PLAN_OFFER } from './testing/fakeBootstrap.ts';
import './styles.css';

const STRIPE = { kind: 'stripe', publishableKey: 'pk_test_story' } as const;
const REQUIRES_ACTION = {
  status: 'requires_action',
  charge: 'pi_story',
  client_secret: 'pi_story_secret_story',
} as const;

const meta = {
  title: 'Checkout page/PaymentStep',
  component: PaymentStep,
  args: {
    api: createFakeApi(),
    offer: { ...FAKE_PLAN_OFFER, meters: [] },
    testMode: false,
    processor: STRIPE,
    cardOnFile: null,
    loadStripe: createFakeStripeJs().loadStripe,
    onProcessing: fn(),
    onPaid: fn(),
    onSessionEnd: fn(),
  },
  decorators: [
    (Story) => (
      <main className="checkout">
        <Story />
      </main>
    ),
  ],
} satisfies Meta<typeof PaymentStep>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Stripe's field inside the group that carries our name for it. */
const stripeField = (canvasElement: HTMLElement, name: string) =>
  within(within(canvasElement).getByRole('group', { name })).getByRole('textbox');

async function typeStripeCard(canvasElement: HTMLElement, number = '4242 4242 4242 4242') {
  const canvas = within(canvasElement);
  await waitFor(() => expect(canvas.queryByRole('status')).toBeNull());
  await userEvent.type(stripeField(canvasElement, 'Card number'), number);
  await userEvent.type(stripeField(canvasElement, 'Expiration date'), '12 / 34');
  await userEvent.type(stripeField(canvasElement, 'Security code'), '123');
}

/** Stripe's fields: named by our labels around Stripe's own, and paid with a payment method. */
const stripeCard = createFakeStripeJs();
export const StripeCard: Story = {
  args: { api: createFakeApi(), loadStripe: stripeCard.loadStripe },
  play: async ({ canvasElement, args }) => {
    await typeStripeCard(canvasElement);
    // Stripe's frames get the page's language and plain colours of its own look.
    await expect(stripeCard.cardForm).toHaveBeenCalledWith({
      locale: 'en',
      colors: {
        text: 'rgb(27, 26, 31)',
        placeholder: 'rgb(86, 86, 89)',
        danger: '#b42318',
      },
      fontFamily: expect.stringContaining('system-ui'),
    });
    await expect(stripeField(canvasElement, 'Card number')).toHaveAccessibleName(
      'Credit or debit card number',
    );
    await userEvent.click(
      within(canvasElement).getByRole('button', { name: 'Subscribe for $49.00 a month' }),
    );
    await waitFor(() =>
      expect(args.onPaid).toHaveBeenCalledWith(
        expect.objectContaining({ customer_id: FAKE_CUSTOMER_ID }),
      ),
    );
    await expect(args.loadStripe).toHaveBeenCalledWith('pk_test_story');
    // Only the payment method Stripe made reaches our API.
    await expect(args.api.subscribe).toHaveBeenCalledWith({ payment_method: 'pm_fake_4242' });
  },
};

/** A card that needs 3-D Secure: Stripe.js runs it in the page, then the page sends the charge. */
const threeDSecure = createFakeStripeJs();
export const StripeThreeDSecure: Story = {
  args: {
    api: createFakeApi({ paymentAnswers: [REQUIRES_ACTION] }),
    loadStripe: threeDSecure.loadStripe,
  },
  play: async ({ canvasElement, args }) => {
    await typeStripeCard(canvasElement, '4000 0027 6000 3184');
    await userEvent.click(within(canvasElement).getByRole('button', { name: /^Subscribe/ }));
    await waitFor(() =>
      expect(args.onPaid).toHaveBeenCalledWith(
        expect.objectContaining({ customer_id: FAKE_CUSTOMER_ID }),
      ),
    );
    await expect(threeDSecure.handleNextAction).toHaveBeenCalledWith('pi_story_secret_story');
    await expect(args.api.subscribe).toHaveBeenNthCalledWith(1, {
      payment_method: 'pm_fake_3184',
    });
    await expect(args.api.subscribe).toHaveBeenNthCalledWith(2, { charge: 'pi_story' });
    await expect(args.onProcessing).toHaveBeenCalledWith(true);
  },
};

/** The processor's reason, in the customer's words; the customer can try another card. */
export const StripeDeclined: Story = {
  args: {
    api: createFakeApi({ failures: { subscribe: { status: 402, code: 'insufficient_funds' } } }),
    loadStripe: createFakeStripeJs().loadStripe,
  },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await typeStripeCard(canvasElement, '4000 0000 0000 9995');
    await userEvent.click(canvas.getByRole('button', { name: /^Subscribe/ }));
    await waitFor(() =>
      expect(canvas.getByRole('alert')).toHaveTextContent(
        'Your card has insufficient funds. Try another card.',
      ),
    );
    await expect(canvas.getByRole('button', { name: /^Subscribe/ })).toBeEnabled();
    await expect(args.onProcessing).toHaveBeenLastCalledWith(false);
    await expect(args.onPaid).not.toHaveBeenCalled();
  },
};

/**
 * Stripe.js refuses an incomplete card in the page, in its own words: they land under the field
 * they are about, which is marked, and nothing is sent.
 */
export const StripeIncompleteCard: Story = {
  args: { api: createFakeApi(), loadStripe: createFakeStripeJs().loadStripe },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await waitFor(() => expect(canvas.queryByRole('status')).toBeNull());
    await userEvent.type(stripeField(canvasElement, 'Card number'), '4242 4242 4242 4242');
    await userEvent.click(canvas.getByRole('button', { name: /^Subscribe/ }));
    const expiry = canvas.getByRole('group', { name: 'Expiration date' });
    await waitFor(() =>
      expect(expiry).toHaveAccessibleDescription("Your card's expiration date is incomplete."),
    );
    await expect(expiry).toHaveAttribute('aria-invalid', 'true');
    await expect(canvas.getByRole('group', { name: 'Card number' })).not.toHaveAttribute(
      'aria-invalid',
    );
    await expect(args.api.subscribe).not.toHaveBeenCalled();
  },
};

/** Stripe.js could not load (js.stripe.com unreachable): the customer is told what to do. */
export const StripeUnavailable: Story = {
  args: { loadStripe: createFakeStripeJs({ loadFails: true }).loadStripe },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitFor(() =>
      expect(canvas.getAllByRole('alert').map((alert) => alert.textContent)).toContain(
        "The card form couldn't load. Check your connection, then reload this page.",
      ),
    );
    await expect(canvas.queryByRole('status')).toBeNull();
  },
};

/** A processor whose page code cannot authenticate: the customer is sent to another card. */
export const AuthenticationNotSupported: Story = {
  args: {
    processor: { kind: 'test' },
    testMode: true,
    api: createFakeApi({ paymentAnswers: [REQUIRES_ACTION] }),
  },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await userEvent.type(
      canvas.getByRole('textbox', { name: 'Card number' }),
      '4242 4242 4242 4242',
    );
    await userEvent.type(canvas.getByRole('textbox', { name: 'Expiration date' }), '1234');
    await userEvent.type(canvas.getByRole('textbox', { name: 'Security code' }), '123');
    await userEvent.click(canvas.getByRole('button', { name: /^Subscribe/ }));
    await waitFor(() =>
      expect(canvas.getByRole('alert')).toHaveTextContent(
        'This card needs a check this checkout cannot run. Try another card.',
      ),
    );
    await expect(args.api.subscribe).toHaveBeenCalledTimes(1);
  },
};

/**
 * A credit bundle bought with the card on file, whose bank asks for 3-D Secure: Stripe.js runs
 * it in the page without any card field, then the page sends the charge.
 */
const onFile = createFakeStripeJs();
export const StripeCardOnFileThreeDSecure: Story = {
  args: {
    offer: FAKE_BUNDLE_OFFER,
    cardOnFile: FAKE_CARD_ON_FILE,
    api: createFakeApi({ paymentAnswers: [REQUIRES_ACTION] }),
    loadStripe: onFile.loadStripe,
  },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await expect(canvas.queryByRole('group', { name: 'Card number' })).toBeNull();
    await userEvent.click(canvas.getByRole('button', { name: 'Buy for $25.00' }));
    await waitFor(() =>
      expect(args.onPaid).toHaveBeenCalledWith(
        expect.objectContaining({ customer_id: FAKE_CUSTOMER_ID }),
      ),
    );
    await expect(onFile.handleNextAction).toHaveBeenCalledWith('pi_story_secret_story');
    await expect(args.api.buy).toHaveBeenNthCalledWith(1, { card_on_file: true });
    await expect(args.api.buy).toHaveBeenNthCalledWith(2, { charge: 'pi_story' });
    await expect(args.api.subscribe).not.toHaveBeenCalled();
  },
};
