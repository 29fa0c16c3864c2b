import { createHash } from 'node:crypto';

let last: { template: string; hashes: string[] } | null = null;

/**
 * The CSP sources (`'sha256-…'`) of the `<style>` elements of the checkout page's template:
 * the build puts the page's stylesheet there (so the first step paints with the HTML), and the
 * page's policy allows exactly those, no other inline style. Worked out once per template.
 */
export function pageStyleHashes(template: string): string[] {
  if (last?.template !== template) {
    const hashes = [...template.matchAll(/<style>([\s\S]*?)<\/style>/g)].map(
      ([, css]) =>
        `'sha256-${createHash('sha256')
          .update(css ?? '')
          .digest('base64')}'`,
    );
    last = { template, hashes };
  }
  return last.hashes;
}
