import {
  BillingError,
  BillingErrorCode,
  type Invoice,
  type LineTaxCategory,
  type LineTaxCategoryProblem,
  lineTaxCategory,
  type TaxStatus,
} from '@billfold/core';
import { sumAmounts } from './amounts';
import { cleanLine } from './clean-text';
import type { DocumentLine, DocumentRate, DocumentTax, VatBreakdown } from './document-model';

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
        taxType: rate.taxType ?? 'vat',
        ...(rate.category !== undefined ? { category: rate.category } : {}),
        ...(rate.exemption !== undefined ? { exemption: rate.exemption } : {}),
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

const isProblem = (result: LineTaxCategory | LineTaxCategoryProblem): result is LineTaxCategoryProblem =>
  'problem' in result;

/**
 * The EN 16931 category, rate and exemption of a line (see core's `lineTaxCategory`). A line without one
 * (a sales tax, rates of two categories) keeps the sum of its rates and no category: HTML, PDF and CSV print it,
 * UBL refuses it.
 * @internal
 */
export function lineCategory(
  taxStatus: TaxStatus,
  rates: readonly DocumentRate[],
): Pick<DocumentLine, 'category' | 'percent' | 'exemption'> {
  const result = lineTaxCategory(taxStatus, rates);
  if (isProblem(result)) {
    const charged = lineTaxCategory(
      'taxable',
      rates.map((rate) => ({ percentage: rate.percentage })),
    );
    return { percent: isProblem(charged) ? '0' : charged.percent };
  }
  return result;
}

/** The key of a breakdown row: category, rate and exemption (two exemption reasons are two rows). */
function breakdownKey(line: DocumentLine): string {
  return JSON.stringify([line.category, line.percent, line.exemption?.code ?? '', line.exemption?.reason ?? '']);
}

/**
 * Tax per EN 16931 category, rate and exemption, in order of first appearance: the sums of the lines' net
 * amounts and of their taxes as the invoice charged them. Lines without a category are left out.
 * @internal
 */
export function vatBreakdownOf(lines: readonly DocumentLine[], currency: string): VatBreakdown[] {
  const groups = new Map<
    string,
    { row: Omit<VatBreakdown, 'taxableAmount' | 'taxAmount'>; nets: string[]; taxes: string[] }
  >();
  for (const line of lines) {
    if (line.category === undefined) continue;
    const key = breakdownKey(line);
    let group = groups.get(key);
    if (group === undefined) {
      const row = {
        category: line.category,
        percent: line.percent,
        firstLine: line.position,
        ...(line.exemption !== undefined ? { exemption: line.exemption } : {}),
      };
      group = { row, nets: [], taxes: [] };
      groups.set(key, group);
    }
    group.nets.push(line.netAmount);
    group.taxes.push(line.taxAmount);
  }
  return [...groups.values()].map((group) => ({
    ...group.row,
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
