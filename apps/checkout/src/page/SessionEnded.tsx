import { useEffect } from 'react';
import type { EndedStatus } from '../shared/PageBootstrap.ts';
import type { FrameBridge } from './createFrameBridge.ts';

export type { EndedStatus };

const SCREENS: Record<EndedStatus, { title: string; text: string }> = {
  invalid: {
    title: 'This checkout link is not valid',
    text: 'Go back to the site you came from and start the checkout again.',
  },
  expired: {
    title: 'This checkout has expired',
    text: 'Checkout links last 60 minutes. Go back to the site you came from and start again.',
  },
  completed: {
    title: 'This checkout is already complete',
    text: 'Your subscription is set up; there is nothing more to do here.',
  },
  idle: {
    title: 'This checkout timed out',
    text: 'Nothing happened for 15 minutes, so we closed it to keep your details safe. Go back to the site you came from and start again.',
  },
};

/** What the SDK hears of each ending: an idle session is over like an expired one. */
const FRAME_ERROR = {
  invalid: 'session_invalid',
  expired: 'session_expired',
  idle: 'session_expired',
  completed: 'session_completed',
} as const satisfies Record<EndedStatus, string>;

/** The screen for a session that cannot be used; reports why to the embedding page once. */
export function SessionEnded({ status, bridge }: { status: EndedStatus; bridge: FrameBridge }) {
  useEffect(() => {
    bridge.error(FRAME_ERROR[status]);
  }, [bridge, status]);
  const screen = SCREENS[status];
  return (
    <section aria-labelledby="ended-title" className="ended">
      <h2 id="ended-title">{screen.title}</h2>
      <p>{screen.text}</p>
    </section>
  );
}
