import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import type { CDPSession, Page } from 'puppeteer-core';

const here = dirname(fileURLToPath(import.meta.url));
/** Baselines, committed: what a clean CI clone compares against. */
export const BASELINE_DIR = join(here, '..', 'screenshots');
/** This run's screenshots and diffs (gitignored test artifacts). */
export const ARTIFACT_DIR = join(here, '..', '..', 'test-artifacts', 'screenshots');

/** What a screenshot comparison found. */
export interface ScreenshotResult {
  readonly status: 'match' | 'new' | 'updated' | 'mismatch' | 'missing';
  readonly differentPixels: number;
  readonly ratio: number;
  readonly artifact: string;
}

/** Pixels may differ in at most this share (anti-aliasing and font hinting jitter), each by pixelmatch's 0.1. */
const MAX_RATIO = 0.002;

/**
 * Compares a screenshot with its committed baseline. A missing baseline is recorded (and the test passes) on a
 * developer's machine, but fails under `CI=true`: a clean clone has no earlier run, so the baselines travel with the
 * repository. `BILLFOLD_UPDATE_SCREENSHOTS=1` rewrites them after an intended change.
 */
export function compareWithBaseline(name: string, png: Buffer): ScreenshotResult {
  mkdirSync(ARTIFACT_DIR, { recursive: true });
  const artifact = join(ARTIFACT_DIR, `${name}.png`);
  writeFileSync(artifact, png);
  const baselinePath = join(BASELINE_DIR, `${name}.png`);
  const record = (status: 'new' | 'updated'): ScreenshotResult => {
    mkdirSync(BASELINE_DIR, { recursive: true });
    writeFileSync(baselinePath, png);
    return { status, differentPixels: 0, ratio: 0, artifact };
  };
  if (process.env.BILLFOLD_UPDATE_SCREENSHOTS === '1') return record('updated');
  if (!existsSync(baselinePath)) {
    return process.env.CI ? { status: 'missing', differentPixels: 0, ratio: 1, artifact } : record('new');
  }
  const actual = PNG.sync.read(png);
  const expected = PNG.sync.read(readFileSync(baselinePath));
  if (actual.width !== expected.width || actual.height !== expected.height) {
    return { status: 'mismatch', differentPixels: actual.width * actual.height, ratio: 1, artifact };
  }
  const diff = new PNG({ width: actual.width, height: actual.height });
  const differentPixels = pixelmatch(expected.data, actual.data, diff.data, actual.width, actual.height, {
    threshold: 0.1,
  });
  const ratio = differentPixels / (actual.width * actual.height);
  if (ratio > MAX_RATIO) {
    writeFileSync(join(ARTIFACT_DIR, `${name}.diff.png`), PNG.sync.write(diff));
    return { status: 'mismatch', differentPixels, ratio, artifact };
  }
  return { status: 'match', differentPixels, ratio, artifact };
}

interface CommandContext {
  readonly command: string;
  readonly payload: unknown;
  readonly session: { readonly id: string; readonly browser: { getPage(id: string): Page } };
}

/**
 * Server commands the browser tests call with `executeServerCommand`: `billing-screenshot` (a clip of the page,
 * compared with its baseline) and `billing-offline` (the portal API unreachable or back, through the DevTools protocol).
 */
export function billingCommandsPlugin() {
  let cutOff: CDPSession | undefined;
  return {
    name: 'billfold-browser-commands',
    async executeCommand({ command, payload, session }: CommandContext) {
      if (command === 'billing-screenshot') {
        const { name, clip } = payload as {
          name: string;
          clip: { x: number; y: number; width: number; height: number };
        };
        const page = session.browser.getPage(session.id);
        const png = Buffer.from(await page.screenshot({ clip, type: 'png' }));
        return compareWithBaseline(name, png);
      }
      if (command === 'billing-offline') {
        // Requests to the portal API fail as they do offline (InternetDisconnected); the test runner's own
        // connection to the page stays up, which DevTools' offline mode would cut.
        const offline = (payload as { offline: boolean }).offline;
        if (offline && cutOff === undefined) {
          const cdp = await session.browser.getPage(session.id).createCDPSession();
          cdp.on('Fetch.requestPaused', (event: { requestId: string }) => {
            void cdp.send('Fetch.failRequest', { requestId: event.requestId, errorReason: 'InternetDisconnected' });
          });
          await cdp.send('Fetch.enable', { patterns: [{ urlPattern: '*/billing/*' }] });
          cutOff = cdp;
        } else if (!offline && cutOff !== undefined) {
          await cutOff.send('Fetch.disable');
          await cutOff.detach();
          cutOff = undefined;
        }
        return true;
      }
      return undefined;
    },
  };
}
