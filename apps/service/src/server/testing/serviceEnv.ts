/**
 * The environment of a service process started from its entry as `pnpm dev` starts it
 * (development, on a free port) on the given data and page folders: this process's own, with
 * `more` over it.
 */
export function serviceEnv(
  folders: { dataDir: string; pageDir: string },
  more: Record<string, string>,
): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: 'development',
    PORT: '0',
    LAVA_DATA_DIR: folders.dataDir,
    LAVA_PAGE_DIR: folders.pageDir,
    ...more,
  };
}
