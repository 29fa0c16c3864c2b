import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import type { PageBootstrap } from '../shared/PageBootstrap.ts';
import { CheckoutPage } from './CheckoutPage.tsx';
import { createFakeApi, FAKE_CUSTOMER_ID, FAKE_SESSION_ID } from './testing/createFakeApi.ts';
import { createFakeBridge } from './testing/createFakeBridge.ts';
import './styles.css';

const active = (step: 'phone' | 'code' | 'payment'): PageBootstrap => ({
  status: 'active',
  checkoutSessionId: FAKE_SESSION_ID,
  originUrl: 'http://localhost:4000',
  testMode: true,
  processor: { kind: 'test' },
  merchant: { name: 'Lava Demo Merchant', logoUrl: null, termsUrl: null, privacyUrl: null },
  offer: {
    kind: 'subscription',
    planName: 'Pro Plan',
    price: '49.00',
    billingInterval: 'month',
    includedCredit: '25.00',
    meters: [
      {
        name: 'AI Chat Tokens',
        tierType: 'tokens_1m',
        rateType: 'fixed',
        tiers: [{ start: '0', rate: '3.00' }],
      },
    ],
    renewsAt: '2026-12-22T12:00:00.000Z',
  },
  returning: null,
  step,
  phone: step === 'code' ? '+14155550100' : null,
});

const meta = {
  title: 'Checkout page/CheckoutPage',
  component: CheckoutPage,
  args: { bootstrap: active('phone'), api: createFakeApi(), bridge: createFakeBridge() },
} satisfies Meta<typeof CheckoutPage>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Step 1: the phone number. Sending it moves to the code step. */
export const Phone: Story = {
  args: { api: createFakeApi(), bridge: createFakeBridge() },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('heading', { name: 'Pro Plan' })).toBeVisible();
    await expect(args.bridge.step).toHaveBeenCalledWith('phone');
    await userEvent.type(canvas.getByRole('textbox', { name: 'Phone number' }), '+1 415 555 0100');
    await userEvent.click(canvas.getByRole('button', { name: 'Send code' }));
    await expect(await canvas.findByRole('textbox', { name: 'Verification code' })).toBeVisible();
    await expect(args.api.sendCode).toHaveBeenCalledWith('+1 415 555 0100');
    await expect(args.bridge.step).toHaveBeenLastCalledWith('code');
  },
};

/** The service refused the number: its message shows, the step stays. */
export const InvalidPhone: Story = {
  args: {
    api: createFakeApi({
      sendCode: {
        status: 400,
        code: 'invalid_phone',
        message: 'Enter a valid phone number with its country code, like +1 415 555 0100.',
      },
    }),
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(canvas.getByRole('textbox', { name: 'Phone number' }), '415');
    await userEvent.click(canvas.getByRole('button', { name: 'Send code' }));
    await waitFor(() =>
      expect(canvas.getByRole('alert')).toHaveTextContent('Enter a valid phone number'),
    );
    await expect(canvas.getByRole('textbox', { name: 'Phone number' })).toHaveAttribute(
      'aria-invalid',
      'true',
    );
  },
};

/** Step 2: the code. The right one moves to the card. */
export const Code: Story = {
  args: { bootstrap: active('code'), api: createFakeApi(), bridge: createFakeBridge() },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByText('We texted a 6-digit code to +14155550100.')).toBeVisible();
    await userEvent.type(canvas.getByRole('textbox', { name: 'Verification code' }), '123456');
    await userEvent.click(canvas.getByRole('button', { name: 'Verify' }));
    await expect(await canvas.findByRole('textbox', { name: 'Card number' })).toBeVisible();
    await expect(args.api.verifyCode).toHaveBeenCalledWith('123456');
    await expect(args.bridge.step).toHaveBeenLastCalledWith('payment');
  },
};

/** A wrong code: the message says how many tries are left. */
export const WrongCode: Story = {
  args: {
    bootstrap: active('code'),
    api: createFakeApi({
      verifyCode: {
        status: 422,
        code: 'wrong_code',
        message: 'That code is not right. 4 tries left.',
      },
    }),
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(canvas.getByRole('textbox', { name: 'Verification code' }), '000000');
    await userEvent.click(canvas.getByRole('button', { name: 'Verify' }));
    await waitFor(() =>
      expect(canvas.getByRole('alert')).toHaveTextContent('That code is not right. 4 tries left.'),
    );
    await expect(canvas.getByRole('textbox', { name: 'Verification code' })).toBeVisible();
  },
};

/** Step 3: the card. Subscribing shows success and tells the SDK once. */
export const Payment: Story = {
  args: { bootstrap: active('payment'), api: createFakeApi(), bridge: createFakeBridge() },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await userEvent.type(
      canvas.getByRole('textbox', { name: 'Card number' }),
      '4242 4242 4242 4242',
    );
    await userEvent.type(canvas.getByRole('textbox', { name: 'Expiration date' }), '12 / 34');
    await userEvent.type(canvas.getByRole('textbox', { name: 'Security code' }), '123');
    await userEvent.click(canvas.getByRole('button', { name: /^Subscribe for \$49\.00 \/ month/ }));
    await expect(await canvas.findByRole('heading', { name: 'You are subscribed' })).toBeVisible();
    // The card number stays in the page: only a payment method that names the card goes out.
    await expect(args.api.subscribe).toHaveBeenCalledWith({
      payment_method: 'pm_test.succeeds.visa.4242.12.2034',
    });
    await expect(args.bridge.success).toHaveBeenCalledTimes(1);
    await expect(args.bridge.success).toHaveBeenCalledWith(FAKE_CUSTOMER_ID);
  },
};

/** A declined card: the message shows in the frame, and the customer can try another card. */
export const Declined: Story = {
  args: {
    bootstrap: active('payment'),
    api: createFakeApi({
      subscribe: {
        status: 402,
        code: 'card_declined',
        message: 'Your card was declined. Try another card.',
      },
    }),
    bridge: createFakeBridge(),
  },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await userEvent.type(
      canvas.getByRole('textbox', { name: 'Card number' }),
      '4000 0000 0000 0002',
    );
    await userEvent.type(canvas.getByRole('textbox', { name: 'Expiration date' }), '12 / 34');
    await userEvent.type(canvas.getByRole('textbox', { name: 'Security code' }), '123');
    await userEvent.click(canvas.getByRole('button', { name: /^Subscribe/ }));
    await waitFor(() =>
      expect(canvas.getByRole('alert')).toHaveTextContent(
        'Your card was declined. Try another card.',
      ),
    );
    await expect(canvas.getByRole('button', { name: /^Subscribe/ })).toBeEnabled();
    await expect(args.bridge.success).not.toHaveBeenCalled();
  },
};

/** The session ran out while the customer was on a step: the page ends and says why. */
export const ExpiresDuringTheFlow: Story = {
  args: {
    api: createFakeApi({
      sendCode: {
        status: 410,
        code: 'session_expired',
        message: 'This checkout has expired. Start it again.',
      },
    }),
    bridge: createFakeBridge(),
  },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await userEvent.type(canvas.getByRole('textbox', { name: 'Phone number' }), '+1 415 555 0100');
    await userEvent.click(canvas.getByRole('button', { name: 'Send code' }));
    await expect(
      await canvas.findByRole('heading', { name: 'This checkout has expired' }),
    ).toBeVisible();
    await expect(args.bridge.error).toHaveBeenCalledWith('session_expired');
  },
};

/** Opened after 60 minutes. */
export const Expired: Story = {
  args: {
    bootstrap: {
      status: 'expired',
      checkoutSessionId: FAKE_SESSION_ID,
      originUrl: 'http://localhost:4000',
    },
    bridge: createFakeBridge(),
  },
  play: async ({ canvasElement, args }) => {
    await expect(
      within(canvasElement).getByRole('heading', { name: 'This checkout has expired' }),
    ).toBeVisible();
    await expect(args.bridge.error).toHaveBeenCalledWith('session_expired');
  },
};

/** Opened again after subscribing. */
export const Completed: Story = {
  args: {
    bootstrap: {
      status: 'completed',
      checkoutSessionId: FAKE_SESSION_ID,
      originUrl: 'http://localhost:4000',
    },
    bridge: createFakeBridge(),
  },
  play: async ({ canvasElement, args }) => {
    await expect(
      within(canvasElement).getByRole('heading', { name: 'This checkout is already complete' }),
    ).toBeVisible();
    await expect(args.bridge.error).toHaveBeenCalledWith('session_completed');
  },
};

/** A link that is not a session of ours. */
export const Invalid: Story = {
  args: { bootstrap: { status: 'invalid' }, bridge: createFakeBridge() },
  play: async ({ canvasElement, args }) => {
    await expect(
      within(canvasElement).getByRole('heading', { name: 'This checkout link is not valid' }),
    ).toBeVisible();
    await expect(args.bridge.error).toHaveBeenCalledWith('session_invalid');
  },
};
