/**
 * What is wrong with a field's value, under it and announced; `id` is the field's, and the
 * field names `${id}-error` in its aria-describedby. Nothing when there is no error.
 */
export function FieldError({ id, error }: { id: string; error: string | null | undefined }) {
  return error ? (
    <p id={`${id}-error`} className="field-error" role="alert">
      {error}
    </p>
  ) : null;
}
