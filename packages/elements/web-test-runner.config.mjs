// The elements' browser tests: real Chromium (/usr/bin/chromium, never a downloaded browser) through
// @web/test-runner, against a real @billfold/server on PGlite that the run starts (test/server). Run with
// `pnpm test` (it loads TypeScript through tsx: see package.json).
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { billingBackendPlugin } from './test/server/backend-plugin.ts';
import { billingCommandsPlugin } from './test/server/browser-commands.ts';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default {
  rootDir: fileURLToPath(new URL('../..', import.meta.url)),
  files: [process.env.BILLFOLD_TEST_FILES ?? 'src/**/*.test.ts'],
  nodeResolve: { exportConditions: ['@billfold/source', 'browser', 'import', 'default'] },
  concurrency: 1,
  concurrentBrowsers: 1,
  testsFinishTimeout: 600_000,
  // A hang guard per test, not a performance limit: PGlite and the first render take their time on a shared machine.
  testFramework: {
    config: { timeout: 60_000, ...(process.env.BILLFOLD_TEST_GREP ? { grep: process.env.BILLFOLD_TEST_GREP } : {}) },
  },
  // A page axe accepts as a document (title, language, a level-one heading); fixtures go inside <main>.
  testRunnerHtml: (testFramework) =>
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Billfold elements tests</title></head>
    <body><header><h1>Billfold elements tests</h1></header><script type="module" src="${testFramework}"></script></body></html>`,
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: chromium,
        headless: true,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-dev-shm-usage',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
          '--font-render-hinting=none',
        ],
      },
    }),
  ],
  plugins: [
    esbuildPlugin({
      ts: true,
      target: 'es2022',
      tsconfig: fileURLToPath(new URL('../../tsconfig.base.json', import.meta.url)),
    }),
    billingBackendPlugin(),
    billingCommandsPlugin(),
  ],
};
