import { DOMParser, type Element } from '@xmldom/xmldom';

// The EN 16931 business rules about amounts (BR-CO-10..16, BR-S-08/09, BR-AE-08/09/10), checked over a UBL
// Invoice or CreditNote the way the CEN schematron states them. Amounts are compared exactly (BigInt, 1e-8).

const SCALE = 8;

function units(text: string | undefined): bigint {
  const value = (text ?? '0').trim();
  const negative = value.startsWith('-');
  const [whole = '0', fraction = ''] = value.replace(/^[-+]/, '').split('.');
  const result = BigInt(whole + fraction.padEnd(SCALE, '0').slice(0, SCALE));
  return negative ? -result : result;
}

const show = (value: bigint) => {
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(SCALE + 1, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -SCALE)}.${digits.slice(-SCALE)}`.replace(/\.?0+$/, '');
};

function kids(element: Element | undefined, name: string): Element[] {
  if (!element) return [];
  const out: Element[] = [];
  for (let node = element.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === 1 && (node as Element).localName === name) out.push(node as Element);
  }
  return out;
}

const kid = (element: Element | undefined, name: string) => kids(element, name)[0];
const text = (element: Element | undefined) => element?.textContent ?? undefined;
const amount = (element: Element | undefined, name: string) => units(text(kid(element, name)));

/** The document's parts the rules look at. */
export function parseUbl(xml: string) {
  const doc = new DOMParser().parseFromString(xml, 'text/xml');
  const root = doc.documentElement as unknown as Element;
  const lineName = root.localName === 'Invoice' ? 'InvoiceLine' : 'CreditNoteLine';
  return { root, lines: kids(root, lineName), kids, kid, text };
}

interface Category {
  readonly id: string;
  readonly percent: bigint;
}

function categoryOf(element: Element | undefined): Category {
  return { id: text(kid(element, 'ID'))?.trim() ?? '', percent: units(text(kid(element, 'Percent'))) };
}

/** Every violated rule as "BR-XX-NN: what is wrong"; empty when the document complies. */
export function checkTotalsRules(xml: string): string[] {
  const { root, lines } = parseUbl(xml);
  const violations: string[] = [];
  const expect = (rule: string, actual: bigint, expected: bigint, what: string) => {
    if (actual !== expected) violations.push(`${rule}: ${what} is ${show(actual)}, expected ${show(expected)}`);
  };
  const totals = kid(root, 'LegalMonetaryTotal');
  const docAllowances = kids(root, 'AllowanceCharge').map((ac) => ({
    charge: text(kid(ac, 'ChargeIndicator'))?.trim() === 'true',
    amount: amount(ac, 'Amount'),
    category: categoryOf(kid(ac, 'TaxCategory')),
  }));
  const sum = (values: bigint[]) => values.reduce((a, b) => a + b, 0n);
  const lineTotal = amount(totals, 'LineExtensionAmount');
  const allowanceTotal = amount(totals, 'AllowanceTotalAmount');
  const chargeTotal = amount(totals, 'ChargeTotalAmount');
  const taxExclusive = amount(totals, 'TaxExclusiveAmount');
  const taxInclusive = amount(totals, 'TaxInclusiveAmount');
  const taxTotals = kids(root, 'TaxTotal');
  const mainTaxTotal = taxTotals.find((t) => kids(t, 'TaxSubtotal').length > 0) ?? taxTotals[0];
  const taxAmount = amount(mainTaxTotal, 'TaxAmount');
  const subtotals = kids(mainTaxTotal, 'TaxSubtotal');

  expect('BR-CO-10', lineTotal, sum(lines.map((l) => amount(l, 'LineExtensionAmount'))), 'LineExtensionAmount');
  expect(
    'BR-CO-11',
    allowanceTotal,
    sum(docAllowances.filter((a) => !a.charge).map((a) => a.amount)),
    'AllowanceTotalAmount',
  );
  expect('BR-CO-12', chargeTotal, sum(docAllowances.filter((a) => a.charge).map((a) => a.amount)), 'ChargeTotalAmount');
  expect('BR-CO-13', taxExclusive, lineTotal - allowanceTotal + chargeTotal, 'TaxExclusiveAmount');
  expect('BR-CO-14', taxAmount, sum(subtotals.map((s) => amount(s, 'TaxAmount'))), 'TaxTotal/TaxAmount');
  expect('BR-CO-15', taxInclusive, taxExclusive + taxAmount, 'TaxInclusiveAmount');
  expect(
    'BR-CO-16',
    amount(totals, 'PayableAmount'),
    taxInclusive - amount(totals, 'PrepaidAmount') + amount(totals, 'PayableRoundingAmount'),
    'PayableAmount',
  );

  const basisOf = (category: Category) =>
    sum(
      lines
        .filter((l) => {
          const c = categoryOf(kid(kid(l, 'Item'), 'ClassifiedTaxCategory'));
          return c.id === category.id && (category.id !== 'S' || c.percent === category.percent);
        })
        .map((l) => amount(l, 'LineExtensionAmount')),
    ) +
    sum(
      docAllowances
        .filter(
          (a) =>
            a.charge &&
            a.category.id === category.id &&
            (category.id !== 'S' || a.category.percent === category.percent),
        )
        .map((a) => a.amount),
    ) -
    sum(
      docAllowances
        .filter(
          (a) =>
            !a.charge &&
            a.category.id === category.id &&
            (category.id !== 'S' || a.category.percent === category.percent),
        )
        .map((a) => a.amount),
    );

  for (const subtotal of subtotals) {
    const categoryElement = kid(subtotal, 'TaxCategory');
    const category = categoryOf(categoryElement);
    const taxable = amount(subtotal, 'TaxableAmount');
    const tax = amount(subtotal, 'TaxAmount');
    if (category.id === 'S') {
      expect('BR-S-08', taxable, basisOf(category), `taxable amount of S ${show(category.percent)} %`);
      // round(|taxable| × rate / 100, 2) must lie within 1 of |tax| (the schematron's tolerance).
      const abs = (v: bigint) => (v < 0n ? -v : v);
      const exact = (abs(taxable) * category.percent) / 100n; // scale 16
      const cent = 10n ** BigInt(2 * SCALE - 2);
      const rounded = ((exact + cent / 2n) / cent) * 10n ** BigInt(SCALE - 2); // back to scale 8
      const one = 10n ** BigInt(SCALE);
      if (!(abs(tax) - one < rounded && abs(tax) + one > rounded)) {
        violations.push(
          `BR-S-09: tax of S ${show(category.percent)} % is ${show(tax)}, expected about ${show(rounded)}`,
        );
      }
    }
    if (category.id === 'AE') {
      expect('BR-AE-08', taxable, basisOf(category), 'taxable amount of AE');
      expect('BR-AE-09', tax, 0n, 'tax amount of AE');
      const reason =
        text(kid(categoryElement, 'TaxExemptionReasonCode')) ?? text(kid(categoryElement, 'TaxExemptionReason'));
      if (!reason?.trim()) violations.push('BR-AE-10: an AE breakdown has no exemption reason (code or text)');
    }
  }
  return violations;
}
