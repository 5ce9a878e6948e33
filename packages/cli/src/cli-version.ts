import { readFileSync } from 'node:fs';

/**
 * The version of the installed `billfold` package, read from its own package.json: one folder above this file
 * both in `src/` (run with tsx) and in the bundled `dist/cli.js`, so it is always the version that was released.
 */
export function cliVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return manifest.version;
}
