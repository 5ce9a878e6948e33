import { BillingError, BillingErrorCode, hasVisibleText, money, type TaxCategoryCode } from '@billfold/core';
import type { DocumentModel } from '../model/document-model';
import { ublPayment } from './check-totals';

type Path = readonly (string | number)[];

/** What EN 16931 asks of the parties and the breakdown for each VAT category. */
interface CategoryRule {
  /** The rule naming who must be identified, and whether a tax registration (BT-32) stands in for the VAT id. */
  readonly sellerRule: string;
  readonly sellerRegistrationCounts: boolean;
  /** The rule asking for the buyer's VAT id, when the category needs one. */
  readonly buyerRule?: string;
  /** The rule allowing only one breakdown row of the category (`E`, `AE`, `Z`, `K`, `G`, `O`). */
  readonly singleRule?: string;
  /** The rule checking tax = taxable amount × rate (charged categories). */
  readonly taxRule?: string;
}

const RULES: Readonly<Record<TaxCategoryCode, CategoryRule>> = {
  S: { sellerRule: 'BR-S-02', sellerRegistrationCounts: true, taxRule: 'BR-S-09' },
  Z: { sellerRule: 'BR-Z-02', sellerRegistrationCounts: true, singleRule: 'BR-Z-01' },
  E: { sellerRule: 'BR-E-02', sellerRegistrationCounts: true, singleRule: 'BR-E-01' },
  AE: { sellerRule: 'BR-AE-02', sellerRegistrationCounts: true, buyerRule: 'BR-AE-02', singleRule: 'BR-AE-01' },
  K: { sellerRule: 'BR-IC-02', sellerRegistrationCounts: false, buyerRule: 'BR-IC-02', singleRule: 'BR-IC-01' },
  G: { sellerRule: 'BR-G-02', sellerRegistrationCounts: false, singleRule: 'BR-G-01' },
  O: { sellerRule: 'BR-O-02', sellerRegistrationCounts: false, singleRule: 'BR-O-01' },
  L: { sellerRule: 'BR-AF-02', sellerRegistrationCounts: true, taxRule: 'BR-AF-09' },
  M: { sellerRule: 'BR-AG-02', sellerRegistrationCounts: true, taxRule: 'BR-AG-09' },
};

/** ISO 3166-1 alpha-2 (and `EL` for Greece, `XI` for Northern Ireland): a VAT id's prefix (BR-CO-09). */
const VAT_PREFIX = /^(EL|XI|[A-Z]{2})/;
const COUNTRIES = new Intl.DisplayNames('en', { type: 'region', fallback: 'none' });
const hasCountryPrefix = (vatId: string) => {
  const prefix = VAT_PREFIX.exec(vatId)?.[1];
  return prefix === 'EL' || prefix === 'XI' || (prefix !== undefined && COUNTRIES.of(prefix) !== undefined);
};

/** `round(|taxable| × percent / 100, 2)` exactly, half up: what the schematron compares a category's tax with. */
function expectedTax(taxable: string, percent: string): bigint {
  const [tWhole = '0', tFraction = ''] = taxable.replace('-', '').split('.');
  const [pWhole = '0', pFraction = ''] = percent.split('.');
  const product = BigInt(tWhole + tFraction) * BigInt(pWhole + pFraction); // scale tf + pf + 2 after ÷ 100
  const scale = tFraction.length + pFraction.length + 2;
  const divisor = 10n ** BigInt(scale - 2);
  return (product + divisor / 2n) / divisor; // in hundredths
}

const hundredths = (amount: string) => {
  const [whole = '0', fraction = ''] = amount.replace('-', '').split('.');
  return BigInt(whole + fraction.padEnd(2, '0').slice(0, 2));
};

/**
 * Refuses, before a byte is written, what an EN 16931 e-invoice cannot carry or would carry against its rules:
 * each refusal is a `BillingError` `unsupported` whose message starts with the rule (`BR-10: …`) and whose path
 * names the field to fix. Checks the currency's decimals (BR-DEC), one VAT category and rate per line (a US sales
 * tax has none, a compound rate no single rate), item names (BR-25), the buyer's name and address (BR-7, BR-10), the parties' VAT ids and tax
 * registrations each category needs (BR-S-02, BR-AE-02, BR-IC-02, BR-CO-09, BR-CO-26, BR-O-02), one breakdown
 * per no-VAT category (BR-E-01, …), category tax = taxable amount × rate within the validator's tolerance
 * (BR-S-09, BR-CO-17), and a due date or terms when something is payable (BR-CO-25).
 * @internal
 */
export function assertRepresentable(model: DocumentModel): void {
  const root = model.kind === 'invoice' ? 'invoice' : 'creditNote';
  const fail = (rule: string, message: string, path: Path): never => {
    throw new BillingError(BillingErrorCode.unsupported, `${rule}: ${message} (EN 16931 e-invoice)`, { path });
  };
  if (money('0', model.currency).minorUnits > 2) {
    fail(
      'BR-DEC-09',
      `EN 16931 writes amounts with at most 2 decimals; ${model.currency} has 3, and rounding would change what is owed. Send this invoice as PDF`,
      [root, 'currency'],
    );
  }
  model.lines.forEach((line, index) => {
    const path = [root, 'lines', index];
    if (line.rates.some((rate) => rate.compound)) {
      fail('BR-CO-04', 'a compound tax rate cannot be expressed as the one VAT rate a line has', [...path, 'taxes']);
    }
    if (line.category === undefined) {
      const sales = line.rates.some((rate) => rate.taxType === 'sales_tax');
      fail(
        'BR-CO-04',
        sales
          ? 'a sales tax is not VAT and has no VAT category; EN 16931 describes VAT invoices only'
          : 'the line carries rates of different VAT categories; a line has exactly one',
        [...path, 'taxes'],
      );
    }
    if (!hasVisibleText(line.description)) fail('BR-25', 'every line needs an item name', [...path, 'description']);
  });
  if (!hasVisibleText(model.buyer.name))
    fail('BR-07', 'the buyer needs a name', ['invoice', 'customerSnapshot', 'name']);
  if (model.buyer.address === undefined) {
    fail('BR-10', 'the buyer’s postal address is mandatory; the customer had none', [
      'invoice',
      'customerSnapshot',
      'address',
    ]);
  }
  checkParties(model, fail);
  checkBreakdown(model, root, fail);
  const payable = money(ublPayment(model).payable, model.currency);
  const positive = !payable.isZero() && !payable.isNegative();
  if (
    model.kind === 'invoice' &&
    positive &&
    model.dueAt === undefined &&
    model.options.seller.paymentTerms === undefined
  ) {
    fail('BR-CO-25', 'an amount is payable: give the invoice a due date or the seller paymentTerms', [
      'invoice',
      'dueAt',
    ]);
  }
}

function checkParties(model: DocumentModel, fail: (rule: string, message: string, path: Path) => never): void {
  const seller = model.seller;
  const sellerPath = ['options', 'seller'];
  const buyerIdsPath = ['invoice', 'customerSnapshot', 'taxIds'];
  const categories = new Set(model.lines.map((line) => line.category as TaxCategoryCode));
  const notSubject = categories.has('O');
  if (notSubject && categories.size > 1) {
    fail('BR-O-11', 'a line not subject to VAT (O) cannot share an invoice with other VAT categories', [
      model.kind === 'invoice' ? 'invoice' : 'creditNote',
      'lines',
    ]);
  }
  if (!notSubject && seller.vatId !== undefined && !hasCountryPrefix(seller.vatId)) {
    fail('BR-CO-09', `the seller VAT id "${seller.vatId}" must start with its ISO country code`, [
      ...sellerPath,
      'vatId',
    ]);
  }
  if (!notSubject && model.buyer.vatId !== undefined && !hasCountryPrefix(model.buyer.vatId)) {
    fail('BR-CO-09', `the buyer VAT id "${model.buyer.vatId}" must start with its ISO country code`, buyerIdsPath);
  }
  if (seller.vatId === undefined && seller.companyId === undefined) {
    fail('BR-CO-26', 'the seller needs a VAT id or a company registration number (companyId)', sellerPath);
  }
  for (const category of categories) {
    const rule = RULES[category];
    const registered = seller.vatId !== undefined || (rule.sellerRegistrationCounts && seller.taxIds.length > 0);
    if (category !== 'O' && !registered) {
      const what = rule.sellerRegistrationCounts ? 'a VAT id or a tax registration (taxIds)' : 'a VAT id';
      fail(rule.sellerRule, `a line of VAT category ${category} needs the seller's ${what}`, [...sellerPath, 'vatId']);
    }
    if (rule.buyerRule !== undefined && model.buyer.vatId === undefined) {
      fail(rule.buyerRule, `a line of VAT category ${category} needs the buyer's VAT id`, buyerIdsPath);
    }
    if (category === 'K' && (model.periodStart === undefined || model.periodEnd === undefined)) {
      fail('BR-IC-11', 'an intra-community supply needs its date: the invoicing period', ['invoice', 'periodStart']);
    }
  }
}

function checkBreakdown(
  model: DocumentModel,
  root: string,
  fail: (rule: string, message: string, path: Path) => never,
): void {
  const seen = new Set<TaxCategoryCode>();
  for (const row of model.vatBreakdown) {
    const rule = RULES[row.category];
    const linePath = [root, 'lines', row.firstLine - 1, 'taxes'];
    if (rule.singleRule !== undefined && seen.has(row.category)) {
      fail(rule.singleRule, `all lines of VAT category ${row.category} need the same exemption reason`, linePath);
    }
    seen.add(row.category);
    if (rule.taxRule === undefined) continue;
    const expected = expectedTax(row.taxableAmount, row.percent);
    const stated = hundredths(row.taxAmount);
    // The official validator accepts a category's tax within one currency unit of taxable × rate.
    if (stated - 100n >= expected || stated + 100n <= expected) {
      fail(
        rule.taxRule,
        `the ${row.percent} % VAT is ${row.taxAmount} on ${row.taxableAmount}, but EN 16931 computes it once per rate (taxable amount × rate); the invoice was rounded per line (taxRounding 'line'): use taxRounding 'invoice'`,
        [root, model.kind === 'invoice' ? 'taxes' : 'lines'],
      );
    }
  }
}
