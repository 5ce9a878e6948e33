import { describe, expect, it } from 'vitest';
import { ratesForTaxCode } from './tax-code';
import type { TaxRate } from './tax-rate';

const rate = (id: string, percentage: string, fields: Partial<TaxRate>): TaxRate => ({
  id,
  name: id,
  percentage,
  inclusive: false,
  ...fields,
});

const rates: TaxRate[] = [
  rate('de_19', '19', {}),
  rate('de_7', '7', { taxCode: 'reduced', country: 'DE' }),
  rate('fr_5_5', '5.5', { taxCode: 'reduced', country: 'FR' }),
  rate('any_reduced', '10', { taxCode: 'reduced' }),
  rate('us_ca_state', '6', { taxCode: 'general', taxType: 'sales_tax', country: 'US', region: 'CA' }),
  rate('us_ca_la', '2.25', { taxCode: 'general', taxType: 'sales_tax', country: 'US', region: 'CA' }),
  rate('us_general', '0', { taxCode: 'general', taxType: 'sales_tax', country: 'US' }),
  rate('med', '0', { taxCode: 'medical', category: 'E', exemption: { code: 'VATEX-EU-132-1C' } }),
];
const ids = (found: TaxRate[] | undefined) => found?.map((r) => r.id);

describe('ratesForTaxCode', () => {
  it('takes the rates of the customer’s country before those without a country', () => {
    expect(ids(ratesForTaxCode(rates, 'reduced', { country: 'DE' }))).toEqual(['de_7']);
    expect(ids(ratesForTaxCode(rates, 'reduced', { country: 'FR' }))).toEqual(['fr_5_5']);
    expect(ids(ratesForTaxCode(rates, 'reduced', { country: 'IT' }))).toEqual(['any_reduced']);
    expect(ids(ratesForTaxCode(rates, 'reduced', {}))).toEqual(['any_reduced']);
  });

  it('takes every rate of the customer’s region together (state and city), in id order, before the country’s', () => {
    expect(ids(ratesForTaxCode(rates, 'general', { country: 'US', region: 'CA' }))).toEqual([
      'us_ca_la',
      'us_ca_state',
    ]);
    expect(ids(ratesForTaxCode(rates, 'general', { country: 'US', region: 'NY' }))).toEqual(['us_general']);
  });

  it('finds nothing for a code without a rate that fits, and never a rate without that code', () => {
    expect(ratesForTaxCode(rates, 'general', { country: 'DE' })).toBeUndefined();
    expect(ratesForTaxCode(rates, 'standard', { country: 'DE' })).toBeUndefined();
    expect(ids(ratesForTaxCode(rates, 'medical', { country: 'DE' }))).toEqual(['med']);
  });
});
