import { type InputHTMLAttributes, type ReactNode, useId, useLayoutEffect, useRef } from 'react';
import { FieldError } from './FieldError.tsx';

export interface FieldProps
  extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'aria-invalid' | 'aria-describedby'> {
  label: string;
  /** Shown under the input and tied to it with aria-describedby. */
  hint?: string | undefined;
  /** What is wrong with the value, shown under the input and announced. */
  error?: string | null | undefined;
  /** Inside the field's box, before the input (a country picker). */
  before?: ReactNode;
  /** Inside the field's box, after the input (a card's brand). */
  after?: ReactNode;
  /** More ids that describe the input. */
  describedBy?: string | undefined;
}

/**
 * A labelled input: its label is its accessible name; its hint and its error are its
 * description, and an error marks it invalid. `autoFocus` focuses it when it appears, in a
 * step that replaced another too.
 */
export function Field({
  label,
  hint,
  error,
  before,
  after,
  describedBy,
  autoFocus,
  ...input
}: FieldProps) {
  const id = useId();
  const ref = useRef<HTMLInputElement>(null);
  // Before the browser paints, and before a page taking over from the server's rendering puts
  // focus back where the customer had it.
  useLayoutEffect(() => {
    if (autoFocus) ref.current?.focus();
  }, [autoFocus]);
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null, describedBy]
    .filter(Boolean)
    .join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <div className="control">
        {before}
        <input
          ref={ref}
          id={id}
          aria-invalid={error ? true : undefined}
          aria-describedby={described || undefined}
          {...input}
        />
        {after}
      </div>
      {hint ? (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      <FieldError id={id} error={error} />
    </div>
  );
}
