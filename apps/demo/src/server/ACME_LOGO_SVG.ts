/** Acme AI's mark, a small square SVG the demo serves as the logo its checkout shows. */
export const ACME_LOGO_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" role="img" aria-label="Acme AI"><rect width="64" height="64" rx="14" fill="#ff5a1f"/><path d="M18 48 32 14l14 34h-8l-3-8h-6l-3 8zm13-15h2l-1-4z" fill="#fff"/></svg>';
