/**
 * `pnpm bench` (packages/elements): renders invoices in Chromium with <billing-invoice-list> and with hand-written
 * DOM code doing the same, interleaved in one run, and prints each median beside the other with the ratio: 1,000
 * invoices with every row rendered (`window-from` set to Infinity), and 1,000 and 100,000 invoices windowed (the
 * element's default; the hand-written code renders the same rows of the scroll box). Targets: under 50 ms, and
 * within 1.3× of the hand-written code. A benchmark, never a test: it reports and
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
  type Side = 'billfold' | 'handwritten';
  type Rendered = { ms: number; rows: number; elements: number };
  const run = (side: Side, count: number, windowed: boolean) =>
    page.evaluate(
      (which, n, w) =>
        (window as unknown as { bench: Record<string, (n: number, w: boolean) => Promise<Rendered>> }).bench[which]?.(
          n,
          w,
        ),
      side,
      count,
      windowed,
    ) as Promise<Rendered>;
  const median = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)] as number;
  };
  const version = await browser.version();
  console.log(
    `\nRender invoices in Chromium (${version}), median of ${RUNS} interleaved runs after ${WARMUP} warm-ups`,
  );
  const scenarios = [
    { label: '1,000 invoices, every row', count: 1000, windowed: false },
    { label: '1,000 invoices, windowed', count: 1000, windowed: true },
    { label: '100,000 invoices, windowed', count: 100_000, windowed: true },
  ];
  for (const { label, count, windowed } of scenarios) {
    for (let i = 0; i < WARMUP; i++) {
      await run('handwritten', count, windowed);
      await run('billfold', count, windowed);
    }
    const times = { billfold: [] as number[], handwritten: [] as number[] };
    const dom = { billfold: '', handwritten: '' };
    for (let i = 0; i < RUNS; i++) {
      // Alternate the order so neither side always runs on a warmer heap.
      const order = i % 2 === 0 ? (['handwritten', 'billfold'] as const) : (['billfold', 'handwritten'] as const);
      for (const side of order) {
        const rendered = await run(side, count, windowed);
        times[side].push(rendered.ms);
        dom[side] = `${rendered.rows} rows, ${rendered.elements} elements`;
      }
    }
    const subject = median(times.billfold);
    const baseline = median(times.handwritten);
    const ratio = subject / baseline;
    console.log(
      `  ${label} (in the DOM: ${dom.billfold} vs ${dom.handwritten})\n` +
        `    <billing-invoice-list>: ${subject.toFixed(1)} ms  vs baseline hand-written DOM: ${baseline.toFixed(1)} ms  ratio ${ratio.toFixed(2)}×` +
        `  target < 50 ms ${subject < 50 ? 'met' : 'MISSED'}, ≤ 1.3× ${ratio <= 1.3 ? 'met' : 'MISSED'}`,
    );
  }
} finally {
  await browser.close();
}
