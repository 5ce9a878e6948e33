import { renderInvoice } from './src/index';
import { manyLinesInvoice, seller } from './test/fixtures';
const invoice = manyLinesInvoice(20);
const format = (process.argv[2] ?? 'pdf') as 'pdf';
for (let i = 0; i < 5; i++) await renderInvoice(invoice, { format, locale: 'de-DE', seller });
const t = performance.now();
const n = Number(process.argv[3] ?? 30);
for (let i = 0; i < n; i++) await renderInvoice(invoice, { format, locale: 'de-DE', seller });
console.log(format, ((performance.now() - t) / n).toFixed(2), 'ms/doc');
