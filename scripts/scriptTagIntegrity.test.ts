import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { filesWithTheHash, scriptTagIntegrity } from './scriptTagIntegrity.ts';

describe('the script tag hash that the README and the docs show', () => {
  it('is the hash of the built lava-checkout.js (after a change, run pnpm sri)', () => {
    const integrity = scriptTagIntegrity();
    const files = filesWithTheHash();
    expect(files.length).toBeGreaterThanOrEqual(2);
    for (const file of files) {
      expect(
        [...new Set(readFileSync(file, 'utf8').match(/sha384-[A-Za-z0-9+/]{64}/g))],
        file,
      ).toEqual([integrity]);
    }
  });
});
