import { writeFileSync } from 'node:fs';
import { it } from 'vitest';
import { renderInvoice, renderCreditNote } from '../src/index';
import { seller, twoRateInvoice, sslCreditNote, reverseChargeInvoice, manyLinesInvoice, unicodeInvoice, hostileInvoice } from './fixtures';

it('smoke', async () => {
  for (const format of ['html', 'pdf', 'csv', 'ubl'] as const) {
    const doc = await renderInvoice(twoRateInvoice(), { format, locale: 'en-GB', seller });
    writeFileSync(`/tmp/docout/${doc.fileName}`, doc.body);
    const cn = await renderCreditNote(sslCreditNote(), twoRateInvoice(), { format, locale: 'de-DE', seller });
    writeFileSync(`/tmp/docout/${cn.fileName}`, cn.body);
    const rc = await renderInvoice(reverseChargeInvoice(), { format, seller });
    writeFileSync(`/tmp/docout/${rc.fileName}`, rc.body);
    const many = await renderInvoice(manyLinesInvoice(200), { format, seller, paperSize: 'Letter' });
    writeFileSync(`/tmp/docout/${many.fileName}`, many.body);
    const uni = await renderInvoice(unicodeInvoice('INR', '1234.50'), { format, seller, locale: 'en-IN' });
    writeFileSync(`/tmp/docout/${uni.fileName}`, uni.body);
    const h = await renderInvoice(hostileInvoice(), { format, seller });
    writeFileSync(`/tmp/docout/${h.fileName}`, h.body);
  }
});
