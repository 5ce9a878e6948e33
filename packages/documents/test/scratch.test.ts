import { it } from 'vitest';
import { renderCreditNote, renderInvoice } from '../src/index';
import { engineCases } from './engine-invoices';
import { validateEn16931 } from './schematron';

it('scratch', async () => {
  for (const c of await engineCases()) {
    try {
      const xml = c.creditNote
        ? (await renderCreditNote(c.creditNote, c.invoice, { format: 'ubl', seller: c.seller })).body
        : (await renderInvoice(c.invoice, { format: 'ubl', seller: c.seller })).body;
      const r = validateEn16931(xml);
      console.log(c.name, 'FATAL', r.fatal.map((f) => f.id), 'WARN', r.warnings.map((f) => f.id));
    } catch (e) {
      console.log(c.name, 'ERROR', (e as Error).message, (e as { path?: unknown }).path);
    }
  }
}, 300_000);
