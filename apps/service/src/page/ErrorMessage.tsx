/** An error about the whole form: announced at once by screen readers. */
export function ErrorMessage({ message }: { message: string | null }) {
  return (
    <p role="alert" className="error">
      {message}
    </p>
  );
}
