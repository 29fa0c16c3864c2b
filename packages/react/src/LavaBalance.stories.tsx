import type { AccountSummary } from '@lava-checkout/protocol';
import { encodeCheckoutToken } from '@lava-checkout/protocol';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { LavaBalance } from './LavaBalance.tsx';

/** The stand-in service: its origin, trusted by the badge; its answers come from the story. */
const SERVICE = 'https://checkout.example.test';

type Answer = AccountSummary | 'loading' | 'expired';

const summary = (total: string, cycle: string, bundle: string): AccountSummary => ({
  customer_id: 'con_test_story',
  status: 'active',
  plan: {
    id: 'plan_test_pro',
    name: 'Pro Plan',
    period_amount: '49.00',
    billing_interval: 'month',
    included_credit: '25.00',
  },
  credits: { total, cycle, bundle },
  cycle_end_at: '2026-12-22T12:00:00.000Z',
  pending_change: null,
});

/**
 * Plays the service's side at the network layer: `GET /api/account/events` answers the story's
 * summary as one event and stays open (or never answers, or refuses the session as expired).
 */
function serveBalance(answer: Answer): () => void {
  const real = globalThis.fetch;
  globalThis.fetch = async (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    if (!url.startsWith(SERVICE)) return real(input, init);
    if (answer === 'loading') return new Promise<Response>(() => {});
    if (answer === 'expired') {
      return Response.json(
        {
          error: {
            code: 'customer_session_expired',
            message:
              'Lava Checkout: this customer session has expired (they last 60 minutes). Mint a new one on your server for the signed-in customer.',
          },
        },
        { status: 401 },
      );
    }
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(
          new TextEncoder().encode(`event: summary\ndata: ${JSON.stringify(answer)}\n\n`),
        );
      },
    });
    return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
  };
  return () => {
    globalThis.fetch = real;
  };
}

interface BalanceStoryProps {
  answer: Answer;
  theme: 'light' | 'dark';
  /** Names the story's session, so each story has a stream of its own. */
  session: string;
}

function BalanceStory({ answer: _answer, theme, session }: BalanceStoryProps) {
  const token = encodeCheckoutToken({ secret: `lcs_test_${session}`, base: `${SERVICE}/` });
  return (
    <div
      style={{
        padding: '2rem 2rem 12rem',
        display: 'flex',
        justifyContent: 'flex-end',
        background: theme === 'dark' ? '#0d1117' : '#f6f8fa',
        fontFamily: 'system-ui, sans-serif',
      }}
    >
      <LavaBalance token={token} checkoutOrigin={SERVICE} theme={theme} locale="en-US" />
    </div>
  );
}

const meta = {
  title: 'SDK/Balance',
  component: BalanceStory,
  args: { answer: summary('24.97', '24.97', '0.00'), theme: 'light', session: 'normal' },
  beforeEach: ({ args }) => serveBalance(args.answer),
} satisfies Meta<typeof BalanceStory>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Loading: Story = {
  args: { answer: 'loading', session: 'loading' },
  play: async ({ canvasElement }) => {
    const badge = within(canvasElement).getByRole('button', { name: 'Loading balance…' });
    await expect(badge).toHaveAttribute('aria-busy', 'true');
  },
};

export const Normal: Story = {
  play: async ({ canvasElement }) => {
    await within(canvasElement).findByRole('button', { name: '$24.97 left' });
  },
};

export const Low: Story = {
  args: { answer: summary('1.20', '1.20', '0.00'), session: 'low' },
  play: async ({ canvasElement }) => {
    await within(canvasElement).findByRole('button', { name: '$1.20 left · low' });
  },
};

export const Zero: Story = {
  args: { answer: summary('0.00', '0.00', '0.00'), session: 'zero' },
  play: async ({ canvasElement }) => {
    await within(canvasElement).findByRole('button', { name: 'No credits left' });
  },
};

export const PendingDowngrade: Story = {
  args: {
    answer: {
      ...summary('30.00', '25.00', '5.00'),
      pending_change: {
        type: 'downgrade',
        effective_at: '2026-12-22T12:00:00.000Z',
        plan_id: 'plan_test_starter',
        name: 'Starter Plan',
      },
    },
    session: 'pending',
  },
  play: async ({ canvasElement }) => {
    await userEvent.click(
      await within(canvasElement).findByRole('button', { name: '$30.00 left' }),
    );
    const details = await within(canvasElement.ownerDocument.body).findByRole('dialog', {
      name: 'Balance details',
    });
    await expect(details).toHaveTextContent('To Starter Plan on Dec 22, 2026');
  },
};

export const SessionExpired: Story = {
  args: { answer: 'expired', session: 'expired' },
  play: async ({ canvasElement }) => {
    await within(canvasElement).findByRole('button', { name: 'Balance unavailable' });
  },
};

export const PopoverOpen: Story = {
  args: { answer: summary('30.00', '25.00', '5.00'), session: 'open' },
  play: async ({ canvasElement }) => {
    const badge = await within(canvasElement).findByRole('button', { name: '$30.00 left' });
    await userEvent.click(badge);
    const body = within(canvasElement.ownerDocument.body);
    const details = await body.findByRole('dialog', { name: 'Balance details' });
    await expect(details).toHaveTextContent('Cycle credits$25.00');
    await expect(details).toHaveTextContent('Bundle credits$5.00');
    await expect(details).toHaveTextContent('PlanPro Plan');
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(body.queryByRole('dialog', { name: 'Balance details' })).toBeNull());
    await expect(badge).toHaveFocus();
    // Left open for the story's picture.
    await userEvent.click(badge);
    await body.findByRole('dialog', { name: 'Balance details' });
  },
};

export const NormalDark: Story = {
  args: { theme: 'dark', session: 'normal-dark' },
  play: (context) => Normal.play?.(context),
};

export const PopoverOpenDark: Story = {
  args: { ...PopoverOpen.args, theme: 'dark', session: 'open-dark' },
  play: (context) => PopoverOpen.play?.(context),
};

export const LowDark: Story = {
  args: { ...Low.args, theme: 'dark', session: 'low-dark' },
  play: (context) => Low.play?.(context),
};
