import { useEffect } from 'react';
import type { FrameBridge } from './createFrameBridge.ts';

export type EndedStatus = 'invalid' | 'expired' | 'completed';

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
};

/** The screen for a session that cannot be used; reports why to the embedding page once. */
export function SessionEnded({ status, bridge }: { status: EndedStatus; bridge: FrameBridge }) {
  useEffect(() => {
    bridge.error(`session_${status}`);
  }, [bridge, status]);
  const screen = SCREENS[status];
  return (
    <section aria-labelledby="ended-title" className="ended">
      <h2 id="ended-title">{screen.title}</h2>
      <p>{screen.text}</p>
    </section>
  );
}
