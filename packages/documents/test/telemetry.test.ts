import { installInMemoryTelemetry } from '@billfold/telemetry-kit';
import { describe, expect, it } from 'vitest';
import { renderCreditNote, renderInvoice } from '../src/index';
import { seller, sslCreditNote, twoRateInvoice } from './fixtures';

describe('documents telemetry', () => {
  it('counts each document rendered by kind and format, and a refusal by its code', async () => {
    const sdk = installInMemoryTelemetry();
    try {
      await renderInvoice(twoRateInvoice(), { format: 'csv', seller });
      await renderInvoice(twoRateInvoice(), { format: 'csv', seller });
      await renderInvoice(twoRateInvoice(), { format: 'html', seller });
      await renderCreditNote(sslCreditNote(), twoRateInvoice(), { format: 'ubl', seller });
      await expect(renderInvoice(twoRateInvoice(), { format: 'docx' as 'pdf', seller })).rejects.toMatchObject({
        code: 'invalid_input',
      });
      const at = (step: string, format: string) => ({ 'billfold.document.format': format, 'billfold.step': step });
      expect(await sdk.points('billfold.documents.items')).toEqual([
        { attributes: at('invoice', 'csv'), value: 2 },
        { attributes: at('invoice', 'html'), value: 1 },
        { attributes: at('credit_note', 'ubl'), value: 1 },
      ]);
      // A format that is not one is recorded as `invalid`: bad input cannot add series.
      expect(await sdk.points('billfold.documents.errors')).toEqual([
        { attributes: { ...at('invoice', 'invalid'), 'error.type': 'invalid_input' }, value: 1 },
      ]);
      expect(await sdk.total('billfold.documents.duration')).toBe(5);
      expect(sdk.spans().map((span) => span.name)).toEqual([
        'billfold.documents.invoice',
        'billfold.documents.invoice',
        'billfold.documents.invoice',
        'billfold.documents.credit_note',
        'billfold.documents.invoice',
      ]);
    } finally {
      await sdk.uninstall();
    }
  });
});
