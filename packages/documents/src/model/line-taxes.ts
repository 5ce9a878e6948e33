import { BillingError, BillingErrorCode, type Invoice } from '@billfold/core';
import { sumAmounts } from './amounts';
import type { DocumentLine, DocumentRate, DocumentTax, VatBreakdown } from './document-model';
import { addPercentages, taxCategoryOf, type TaxCategoryCode } from './tax-category';
import { cleanLine } from './clean-text';

type TaxRate = Invoice['taxRates'][number];

/** The invoice's tax rates by id, as shown on documents. @internal */
export function ratesById(rates: readonly TaxRate[]): Map<string, DocumentRate> {
  return new Map(
    rates.map((rate) => [
      rate.id,
      {
        id: rate.id,
        name: cleanLine(rate.name),
        percentage: rate.percentage,
        inclusive: rate.inclusive,
        compound: rate.compound === true,
      },
    ]),
  );
}

/** Looks up the rates of one line's taxes; an unknown rate id is bad input at `path`. @internal */
export function lineRates(
  taxes: readonly { rateId: string }[],
  rates: ReadonlyMap<string, DocumentRate>,
  path: readonly (string | number)[],
): DocumentRate[] {
  return taxes.map((tax, index) => {
    const rate = rates.get(tax.rateId);
    if (rate === undefined) {
      throw new BillingError(
        BillingErrorCode.invalidInput,
        `Tax rate "${tax.rateId}" is not in the invoice's taxRates`,
        {
          path: [...path, index, 'rateId'],
        },
      );
    }
    return rate;
  });
}

/** The category and combined percentage of a line: `0` for exempt and reverse-charge lines. @internal */
export function lineCategory(
  taxStatus: 'taxable' | 'exempt' | 'reverse_charge',
  rates: readonly DocumentRate[],
): { category: TaxCategoryCode; percent: string } {
  const percent = addPercentages(rates.map((rate) => rate.percentage));
  const category = taxCategoryOf(taxStatus, percent);
  return { category, percent: category === 'S' ? percent : '0' };
}

/** Tax per EN 16931 category and rate, in order of first appearance: sums of line net and tax amounts. @internal */
export function vatBreakdownOf(lines: readonly DocumentLine[], currency: string): VatBreakdown[] {
  const groups = new Map<string, { category: TaxCategoryCode; percent: string; nets: string[]; taxes: string[] }>();
  for (const line of lines) {
    const key = `${line.category}|${line.percent}`;
    let group = groups.get(key);
    if (group === undefined) {
      group = { category: line.category, percent: line.percent, nets: [], taxes: [] };
      groups.set(key, group);
    }
    group.nets.push(line.netAmount);
    group.taxes.push(line.taxAmount);
  }
  return [...groups.values()].map((group) => ({
    category: group.category,
    percent: group.percent,
    taxableAmount: sumAmounts(group.nets, currency),
    taxAmount: sumAmounts(group.taxes, currency),
  }));
}

/** Tax per rate summed over lines (credit notes carry no per-rate totals of their own). @internal */
export function taxesFromLines(
  lines: readonly { netAmount: string; rates: readonly DocumentRate[]; taxes: readonly { amount: string }[] }[],
  currency: string,
): DocumentTax[] {
  const byRate = new Map<string, { rate: DocumentRate; bases: string[]; amounts: string[] }>();
  for (const line of lines) {
    line.rates.forEach((rate, index) => {
      let entry = byRate.get(rate.id);
      if (entry === undefined) {
        entry = { rate, bases: [], amounts: [] };
        byRate.set(rate.id, entry);
      }
      entry.bases.push(line.netAmount);
      entry.amounts.push(line.taxes[index]?.amount ?? '0');
    });
  }
  return [...byRate.values()].map((entry) => ({
    rate: entry.rate,
    taxableAmount: sumAmounts(entry.bases, currency),
    amount: sumAmounts(entry.amounts, currency),
  }));
}
