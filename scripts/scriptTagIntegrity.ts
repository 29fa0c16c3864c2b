import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TAG = join(ROOT, 'packages', 'js', 'dist', 'lava-checkout.js');
const HASH = /sha384-[A-Za-z0-9+/]{64}/g;

/** The Subresource Integrity hash of the built script tag, as merchants paste it. */
export function scriptTagIntegrity(): string {
  if (!existsSync(TAG)) {
    throw new Error(
      'Lava Checkout: the script tag is not built. Run "npx -y pnpm@10.34.8 --filter @lava-checkout/js... run build".',
    );
  }
  return `sha384-${createHash('sha384').update(readFileSync(TAG)).digest('base64')}`;
}

/** The files that show the tag with its hash: the README and the docs. */
export function filesWithTheHash(): string[] {
  const docs = readdirSync(join(ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => join(ROOT, 'docs', name));
  return [join(ROOT, 'README.md'), ...docs].filter((file) =>
    /sha384-[A-Za-z0-9+/]{64}/.test(readFileSync(file, 'utf8')),
  );
}

// `pnpm sri`: prints the hash, and writes it where the README and the docs show it.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const integrity = scriptTagIntegrity();
  for (const file of filesWithTheHash()) {
    writeFileSync(file, readFileSync(file, 'utf8').replace(HASH, integrity));
  }
  console.log(integrity);
}
