import { resolve } from 'node:path';
import { build, type InlineConfig, type Plugin } from 'vite';

/**
 * Builds a merchant page of the tests and benchmarks (a folder with its main.tsx:
 * e2e/legacy-merchant, bench/open) into the folder's dist/, for startMerchantPage to serve. The
 * page's HTML, the same for each but its title, is written here rather than kept in each folder.
 */
export async function buildMerchantPage(
  root: string,
  title: string,
  config: Pick<InlineConfig, 'resolve'> = {},
): Promise<void> {
  const page = resolve(root, 'index.html');
  const html: Plugin = {
    name: 'merchant-page-html',
    enforce: 'pre',
    resolveId: (id) => (id === page ? id : undefined),
    load: (id) =>
      id === page
        ? `<!doctype html><html lang="en"><head><meta charset="UTF-8" /><title>${title}</title>` +
          '<link rel="icon" href="data:," /><script type="module" src="./main.tsx"></script></head>' +
          '<body><div id="root"></div></body></html>'
        : undefined,
  };
  await build({
    ...config,
    root,
    configFile: false,
    logLevel: 'warn',
    plugins: [html],
    build: { outDir: 'dist', emptyOutDir: true },
  });
}
