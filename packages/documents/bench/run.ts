/**
 * Documents per second for a 20-line invoice in each format, each next to `JSON.stringify` of the same invoice
 * measured in the same run (the cheapest way to turn an invoice into text), with the ratio.
 * Targets per core: ≥ 1,000 HTML, CSV or UBL documents/s and ≥ 100 PDFs/s (the run fails when one is missed).
 */
import { compare } from '@billfold/bench-kit';
import { renderInvoice } from '../src/index';
import { manyLinesInvoice, seller } from '../test/fixtures';

const invoice = manyLinesInvoice(20);
const targets = { html: 1000, csv: 1000, ubl: 1000, pdf: 100 } as const;
const formats = Object.keys(targets) as (keyof typeof targets)[];

// Check the output is real before timing it (and read and parse the fonts once, as a server would).
for (const format of formats) {
  const doc = await renderInvoice(invoice, { format, locale: 'de-DE', seller });
  if (doc.body.length < 1000) throw new Error(`${format} output is suspiciously small`);
}

const results = await compare(
  '@billfold/documents: renderInvoice, 20-line invoice',
  formats.map((format) => ({
    subject: {
      name: `renderInvoice ${format}`,
      run: () => renderInvoice(invoice, { format, locale: 'de-DE', seller }),
    },
    baseline: { name: `JSON.stringify (${format} run)`, run: () => JSON.stringify(invoice) },
  })),
  1500,
);

let missed = 0;
results.forEach((result, i) => {
  const format = formats[i] as keyof typeof targets;
  const perSecond = 1e9 / result.subjectNsPerOp;
  const met = perSecond >= targets[format];
  if (!met) missed++;
  console.log(
    `  ${format}: ${Math.round(perSecond).toLocaleString('en-US')} documents/s, target ≥ ${targets[format].toLocaleString('en-US')}/s ${met ? 'met' : 'MISSED'}`,
  );
});
if (missed > 0) process.exitCode = 1;
