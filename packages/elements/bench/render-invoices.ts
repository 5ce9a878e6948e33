/**
 * `pnpm bench` (packages/elements): renders 1,000 invoices in Chromium with <billing-invoice-list> and with
 * hand-written DOM code doing the same, interleaved in one run, and prints each median beside the other with the
 * ratio. Targets: under 50 ms, and within 1.3× of the hand-written code. A benchmark, never a test: it reports and
 * marks a missed target, and only fails when the browser cannot run.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import puppeteer from 'puppeteer-core';

const here = dirname(fileURLToPath(import.meta.url));
const RUNS = 25;
const WARMUP = 5;

const bundle = await build({
  entryPoints: [join(here, 'render-page.ts')],
  bundle: true,
  format: 'esm',
  target: 'es2022',
  conditions: ['@billfold/source'],
  minify: true,
  write: false,
});
const script = bundle.outputFiles[0]?.text ?? '';

const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--disable-background-networking',
    '--no-first-run',
  ],
});
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1200, height: 900 });
  await page.setContent('<!doctype html><html lang="en"><body><main></main></body></html>');
  await page.addScriptTag({ content: script, type: 'module' });
  await page.waitForFunction(() => 'bench' in window);
  const run = (name: 'billfold' | 'handwritten') =>
    page.evaluate(
      (which) => (window as unknown as { bench: Record<string, () => Promise<number>> }).bench[which]?.(),
      name,
    ) as Promise<number>;
  for (let i = 0; i < WARMUP; i++) {
    await run('handwritten');
    await run('billfold');
  }
  const times = { billfold: [] as number[], handwritten: [] as number[] };
  for (let i = 0; i < RUNS; i++) {
    // Alternate the order so neither side always runs on a warmer heap.
    const order = i % 2 === 0 ? (['handwritten', 'billfold'] as const) : (['billfold', 'handwritten'] as const);
    for (const side of order) times[side].push(await run(side));
  }
  const median = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)] as number;
  };
  const subject = median(times.billfold);
  const baseline = median(times.handwritten);
  const ratio = subject / baseline;
  const version = await browser.version();
  console.log(
    `\nRender 1,000 invoices in Chromium (${version}), median of ${RUNS} interleaved runs after ${WARMUP} warm-ups`,
  );
  console.log(
    `  <billing-invoice-list>: ${subject.toFixed(1)} ms  vs baseline hand-written DOM: ${baseline.toFixed(1)} ms  ratio ${ratio.toFixed(2)}×` +
      `  target < 50 ms ${subject < 50 ? 'met' : 'MISSED'}, ≤ 1.3× ${ratio <= 1.3 ? 'met' : 'MISSED'}`,
  );
} finally {
  await browser.close();
}
