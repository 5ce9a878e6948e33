/**
 * Documents per second for a 20-line invoice in each format, next to `JSON.stringify` of the same invoice
 * measured in the same run (the cheapest way to turn an invoice into text), with the ratio.
 * Targets per core: ≥ 1,000 HTML, CSV or UBL documents/s and ≥ 100 PDFs/s.
 */
import { Bench } from 'tinybench';
import { renderInvoice } from '../src/index';
import { manyLinesInvoice, seller } from '../test/fixtures';

const invoice = manyLinesInvoice(20);
const formats = ['html', 'csv', 'ubl', 'pdf'] as const;
const targets = { html: 1000, csv: 1000, ubl: 1000, pdf: 100 };

// Warm up once per format (fonts are read and parsed on the first PDF) and check the output is real.
for (const format of formats) {
  const doc = await renderInvoice(invoice, { format, locale: 'de-DE', seller });
  if (doc.body.length < 1000) throw new Error(`${format} output is suspiciously small`);
}

const bench = new Bench({ time: 2000, warmupTime: 300 });
bench.add('JSON.stringify (baseline)', () => JSON.stringify(invoice));
for (const format of formats) {
  bench.add(format, async () => {
    await renderInvoice(invoice, { format, locale: 'de-DE', seller });
  });
}
await bench.run();

const opsPerSecond = (name: string) => {
  const result = bench.getTask(name)?.result;
  if (!result || !('latency' in result)) throw new Error(`benchmark ${name} did not complete`);
  return 1000 / result.latency.mean;
};
const baseline = opsPerSecond('JSON.stringify (baseline)');
console.log(`@billfold/documents, 20-line invoice, one core (Node ${process.version})`);
console.log(`  ${'JSON.stringify (baseline)'.padEnd(26)} ${Math.round(baseline).toLocaleString('en-US').padStart(10)} ops/s`);
let missed = 0;
for (const format of formats) {
  const ops = opsPerSecond(format);
  const met = ops >= targets[format];
  if (!met) missed++;
  console.log(
    `  ${`renderInvoice ${format}`.padEnd(26)} ${Math.round(ops).toLocaleString('en-US').padStart(10)} docs/s  ${(baseline / ops).toFixed(0).padStart(6)}× the baseline's time  target ≥ ${targets[format].toLocaleString('en-US')}/s ${met ? 'met' : 'MISSED'}`,
  );
}
if (missed > 0) process.exitCode = 1;
