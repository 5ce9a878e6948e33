import { describe, expect, it } from 'vitest';
import { chargesTax, REVERSE_CHARGE_NOTE, TaxStatusSchema, taxStatusNotes } from './tax-status';

describe('tax status', () => {
  it('charges tax only to taxable customers and notes reverse charge', () => {
    expect(['taxable', 'exempt', 'reverse_charge'].map((s) => chargesTax(TaxStatusSchema.parse(s)))).toEqual([
      true,
      false,
      false,
    ]);
    expect(taxStatusNotes('reverse_charge')).toEqual([REVERSE_CHARGE_NOTE]);
    expect(REVERSE_CHARGE_NOTE).toBe('Reverse charge: VAT to be accounted for by the recipient');
    expect(taxStatusNotes('exempt')).toEqual([]);
    expect(TaxStatusSchema.safeParse('EXEMPT').success).toBe(false);
  });
});
