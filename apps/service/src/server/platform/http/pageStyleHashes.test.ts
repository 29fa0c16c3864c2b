import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkoutPageCsp } from './checkoutPageCsp.ts';
import { pageStyleHashes } from './pageStyleHashes.ts';

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

describe('pageStyleHashes', () => {
  it("gives each <style>'s hash as a CSP source, over its exact text", () => {
    const template =
      '<head><style>:root{color:red}\n@media (width<480px){p{margin:0}}</style><style>a{b:c}</style></head>';
    expect(pageStyleHashes(template)).toEqual([
      sha256(':root{color:red}\n@media (width<480px){p{margin:0}}'),
      sha256('a{b:c}'),
    ]);
    expect(pageStyleHashes('<head></head>')).toEqual([]);
  });

  it("allows the built page's stylesheet, and no other inline style, in the page's policy", () => {
    const template = readFileSync(
      new URL('../../../../dist/page/index.html', import.meta.url),
      'utf8',
    );
    // The build puts the stylesheet into the page, so its first step paints with the HTML.
    expect(template).not.toMatch(/<link rel="stylesheet"/);
    const [css] = template.match(/<style>([\s\S]*?)<\/style>/)?.slice(1) ?? [];
    expect(css?.length).toBeGreaterThan(1000);
    const policy = checkoutPageCsp(
      'https://merchant.example',
      'test',
      null,
      pageStyleHashes(template),
    );
    expect(policy).toContain(`style-src 'self' ${sha256(css ?? '')};`);
    expect(policy).not.toContain('unsafe-inline');
  });
});
