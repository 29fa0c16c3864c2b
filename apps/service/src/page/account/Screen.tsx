import { type ReactNode, useEffect, useRef } from 'react';
import { useAccountMessages } from './useAccountMessages.ts';

export interface ScreenProps {
  title: string;
  /** Back to the account's overview; absent on the overview itself. */
  onBack?: (() => void) | undefined;
  children: ReactNode;
}

/**
 * One screen of the account page: its heading takes the focus when the screen replaces another,
 * so a screen reader reads where the customer is, and Back returns to the overview.
 */
export function Screen({ title, onBack, children }: ScreenProps) {
  const t = useAccountMessages();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (onBack) heading.current?.focus();
  }, [onBack]);
  return (
    <section className="screen" aria-labelledby="screen-title">
      {onBack ? (
        <button type="button" className="link back" onClick={onBack}>
          ← {t.back}
        </button>
      ) : null}
      <h2 id="screen-title" ref={heading} tabIndex={-1}>
        {title}
      </h2>
      {children}
    </section>
  );
}
