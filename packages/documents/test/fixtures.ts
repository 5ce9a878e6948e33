import {
  type CreditNote,
  CreditNoteSchema,
  type Invoice,
  type InvoiceLine,
  InvoiceSchema,
  money,
} from '@billfold/core';
import type { SellerProfile } from '../src/index';

/** A Dutch seller: NL VAT rates 6 % and 21 % as in the official EN 16931 example. */
export const seller: SellerProfile = {
  name: 'Billfold Hosting B.V.',
  legalName: 'Billfold Hosting B.V.',
  address: { line1: 'Keizersgracht 1', city: 'Amsterdam', postalCode: '1015 CJ', country: 'NL' },
  vatId: 'NL123456789B01',
  companyId: '12345678',
  email: 'billing@billfold.example',
  phone: '+31 20 123 4567',
  bankAccount: { iban: 'NL91 ABNA 0417 1643 00', bic: 'ABNANL2A' },
  paymentTerms: 'Net 14 days',
};

const VAT_6 = { id: 'nl-vat-6', name: 'VAT', percentage: '6', inclusive: false, jurisdiction: 'NL' };
/** @internal 21 % NL VAT, exclusive. */
export const VAT_21 = { id: 'nl-vat-21', name: 'VAT', percentage: '21', inclusive: false, jurisdiction: 'NL' };

type LineInput = Pick<InvoiceLine, 'description' | 'amount' | 'taxableAmount'> & Partial<InvoiceLine>;

/** @internal An invoice line with defaults. */
export function line(id: string, input: LineInput): InvoiceLine {
  return { id, kind: 'one_off', discountAmount: '0.00', taxes: [], ...input };
}

/** @internal A finalized two-party invoice with defaults. */
export function base(overrides: Partial<Invoice>): Invoice {
  return {
    id: 'in_0001',
    number: 'INV-2026-000123',
    sequence: 'INV-2026',
    customerId: 'cus_zoe',
    billingReason: 'subscription_cycle',
    status: 'open',
    currency: 'EUR',
    lines: [],
    taxRates: [],
    subtotal: '0.00',
    discountTotal: '0.00',
    taxes: [],
    taxTotal: '0.00',
    roundingAmount: '0.00',
    total: '0.00',
    creditApplied: '0.00',
    amountDue: '0.00',
    amountPaid: '0.00',
    amountCredited: '0.00',
    amountRemaining: '0.00',
    notes: [],
    createdAt: '2026-02-01T09:00:00.000Z',
    issuedAt: '2026-02-01T09:30:00.000Z',
    dueAt: '2026-02-15T09:30:00.000Z',
    remindersSent: 0,
    overdue: false,
    metadata: {},
    version: 1,
    ...overrides,
  };
}

/**
 * Two VAT rates, by hand (numbers of the official example ubl-tc434-example1):
 * 6 %: 99.00 + 61.70 (1234 × 0.05) + 22.53 (2 × 11.265) = 183.23, taxes 5.94 + 3.70 + 1.35 = 10.99 (= 183.23 × 6 % rounded)
 * 21 %: 12.37 + (40.00 − 6.00 discount) = 46.37, taxes 2.60 + 7.14 = 9.74 (= 46.37 × 21 % rounded)
 * subtotal 235.60 − discount 6.00 = net 229.60; + tax 20.73 = total 250.33 = amount due.
 */
export function twoRateInvoice(overrides: Partial<Invoice> = {}): Invoice {
  return InvoiceSchema.parse(
    base({
      subscriptionId: 'sub_pro',
      periodStart: '2026-01-01T00:00:00.000Z',
      periodEnd: '2026-02-01T00:00:00.000Z',
      taxRates: [VAT_6, VAT_21],
      lines: [
        line('il_1', {
          kind: 'subscription',
          description: 'Hosting plan Pro (monthly)',
          billingCode: 'HOST-PRO',
          quantity: '1',
          unitAmount: '99.00',
          periodStart: '2026-01-01T00:00:00.000Z',
          periodEnd: '2026-02-01T00:00:00.000Z',
          amount: '99.00',
          taxableAmount: '99.00',
          taxes: [{ rateId: 'nl-vat-6', amount: '5.94' }],
        }),
        line('il_2', {
          kind: 'usage',
          description: 'API requests (per 1,000)',
          billingCode: 'API-1K',
          quantity: '1234',
          unitAmount: '0.05',
          amount: '61.70',
          taxableAmount: '61.70',
          taxes: [{ rateId: 'nl-vat-6', amount: '3.70' }],
        }),
        line('il_3', {
          description: 'Support hours',
          quantity: '2',
          unitAmount: '11.265',
          amount: '22.53',
          taxableAmount: '22.53',
          taxes: [{ rateId: 'nl-vat-6', amount: '1.35' }],
        }),
        line('il_4', {
          description: 'Domain renewal example.nl',
          quantity: '1',
          unitAmount: '12.37',
          amount: '12.37',
          taxableAmount: '12.37',
          taxes: [{ rateId: 'nl-vat-21', amount: '2.60' }],
        }),
        line('il_5', {
          description: 'SSL certificate\nwildcard, one year',
          quantity: '1',
          unitAmount: '40.00',
          amount: '40.00',
          discountAmount: '6.00',
          taxableAmount: '34.00',
          taxes: [{ rateId: 'nl-vat-21', amount: '7.14' }],
        }),
      ],
      subtotal: '235.60',
      discountTotal: '6.00',
      taxes: [
        { rateId: 'nl-vat-6', taxableAmount: '183.23', amount: '10.99' },
        { rateId: 'nl-vat-21', taxableAmount: '46.37', amount: '9.74' },
      ],
      taxTotal: '20.73',
      total: '250.33',
      amountDue: '250.33',
      amountRemaining: '250.33',
      customerSnapshot: {
        name: 'Zoë Øster',
        email: 'zoe@example.nl',
        address: { line1: 'Prinsengracht 263', city: 'Amsterdam', postalCode: '1016 GV', country: 'NL' },
        taxIds: [],
        taxStatus: 'taxable',
        locale: 'en-NL',
      },
      ...overrides,
    }),
  );
}

/** The official example's totals, for the tests to compare with. */
export const TWO_RATE_TOTALS = {
  lineNet: '229.60',
  tax6: { base: '183.23', tax: '10.99' },
  tax21: { base: '46.37', tax: '9.74' },
  taxTotal: '20.73',
  payable: '250.33',
} as const;

/** A B2B supply to a Polish company: reverse charge, no VAT, 500.00 + 120.50 = 620.50. */
export function reverseChargeInvoice(): Invoice {
  return InvoiceSchema.parse(
    base({
      id: 'in_0002',
      number: 'INV-2026-000124',
      customerId: 'cus_lodz',
      billingReason: 'manual',
      taxRates: [],
      lines: [
        line('il_1', {
          description: 'Consulting, January',
          quantity: '4',
          unitAmount: '125.00',
          amount: '500.00',
          taxableAmount: '500.00',
        }),
        line('il_2', { description: 'Travel expenses', amount: '120.50', taxableAmount: '120.50' }),
      ],
      subtotal: '620.50',
      total: '620.50',
      amountDue: '620.50',
      amountRemaining: '620.50',
      notes: ['Reverse charge: VAT to be accounted for by the recipient'],
      customerSnapshot: {
        name: 'Łódź Logistics Sp. z o.o.',
        email: 'faktury@lodz-logistics.example',
        address: { line1: 'ul. Piotrkowska 100', city: 'Łódź', postalCode: '90-004', country: 'PL' },
        taxIds: [{ type: 'eu_vat', value: 'PL5260250274' }],
        taxStatus: 'reverse_charge',
        locale: 'pl-PL',
      },
    }),
  );
}

/** A credit note taking back the SSL certificate of {@link twoRateInvoice}: 34.00 + 7.14 VAT = 41.14. */
export function sslCreditNote(): CreditNote {
  return CreditNoteSchema.parse({
    id: 'cn_0001',
    number: 'CN-2026-000007',
    invoiceId: 'in_0001',
    invoiceNumber: 'INV-2026-000123',
    customerId: 'cus_zoe',
    currency: 'EUR',
    reason: 'product_unsatisfactory',
    memo: 'Certificate was not issued in time.',
    lines: [
      {
        id: 'cnl_1',
        invoiceLineId: 'il_5',
        description: 'SSL certificate',
        amount: '34.00',
        taxes: [{ rateId: 'nl-vat-21', amount: '7.14' }],
      },
    ],
    subtotal: '34.00',
    taxTotal: '7.14',
    total: '41.14',
    appliedToInvoice: '41.14',
    creditedToBalance: '0.00',
    issuedAt: '2026-02-05T10:00:00.000Z',
    metadata: {},
  });
}

/**
 * `count` lines at 19 % VAT in EUR; line i costs (i × 1.37) EUR, tax rounded per line. Totals are the sums,
 * computed exactly with `money`.
 */
export function manyLinesInvoice(count: number): Invoice {
  const lines: InvoiceLine[] = [];
  let net = money('0', 'EUR');
  let tax = money('0', 'EUR');
  for (let i = 1; i <= count; i++) {
    const amount = money('1.37', 'EUR').multiply(i);
    const lineTax = amount.multiply('0.19').round();
    net = net.add(amount);
    tax = tax.add(lineTax);
    lines.push(
      line(`il_${i}`, {
        kind: 'usage',
        description: `Metered compute, node ${String(i).padStart(3, '0')}`,
        quantity: String(i),
        unitAmount: '1.37',
        amount: amount.toString(),
        taxableAmount: amount.toString(),
        taxes: [{ rateId: 'de-vat-19', amount: lineTax.toString() }],
      }),
    );
  }
  const total = net.add(tax).toString();
  return InvoiceSchema.parse(
    base({
      id: 'in_many',
      number: `INV-2026-${String(count).padStart(6, '0')}`,
      taxRates: [{ id: 'de-vat-19', name: 'USt.', percentage: '19', inclusive: false, jurisdiction: 'DE' }],
      lines,
      subtotal: net.toString(),
      taxes: [{ rateId: 'de-vat-19', taxableAmount: net.toString(), amount: tax.toString() }],
      taxTotal: tax.toString(),
      total,
      amountDue: total,
      amountRemaining: total,
      customerSnapshot: {
        name: 'Muster AG',
        email: 'rechnung@muster.example',
        address: { line1: 'Hauptstraße 5', city: 'München', postalCode: '80331', country: 'DE' },
        taxIds: [{ type: 'eu_vat', value: 'DE123456789' }],
        taxStatus: 'taxable',
        locale: 'de-DE',
      },
    }),
  );
}

/**
 * US sales tax, state 4 % + city 4.5 % on every line, and a proration credit:
 * 100.00 (tax 4.00 + 4.50) − 30.00 (tax −1.20 − 1.35) = 70.00 net, tax 2.80 + 3.15 = 5.95, total 75.95.
 */
export function salesTaxInvoice(): Invoice {
  return InvoiceSchema.parse(
    base({
      id: 'in_us',
      number: 'INV-2026-000200',
      currency: 'USD',
      taxRates: [
        { id: 'ny-state', name: 'NY State', percentage: '4', inclusive: false, jurisdiction: 'US-NY' },
        { id: 'nyc', name: 'NYC', percentage: '4.5', inclusive: false, jurisdiction: 'US-NY-NYC' },
      ],
      lines: [
        line('il_1', {
          kind: 'subscription',
          description: 'Business plan (monthly)',
          quantity: '1',
          unitAmount: '100.00',
          amount: '100.00',
          taxableAmount: '100.00',
          taxes: [
            { rateId: 'ny-state', amount: '4.00' },
            { rateId: 'nyc', amount: '4.50' },
          ],
        }),
        line('il_2', {
          kind: 'proration',
          description: 'Unused time on Starter plan',
          amount: '-30.00',
          taxableAmount: '-30.00',
          taxes: [
            { rateId: 'ny-state', amount: '-1.20' },
            { rateId: 'nyc', amount: '-1.35' },
          ],
        }),
      ],
      subtotal: '70.00',
      taxes: [
        { rateId: 'ny-state', taxableAmount: '70.00', amount: '2.80' },
        { rateId: 'nyc', taxableAmount: '70.00', amount: '3.15' },
      ],
      taxTotal: '5.95',
      total: '75.95',
      amountDue: '75.95',
      amountRemaining: '75.95',
      customerSnapshot: {
        name: 'Brooklyn Bagels LLC',
        email: 'ap@bagels.example',
        address: { line1: '1 Bedford Ave', city: 'Brooklyn', region: 'NY', postalCode: '11211', country: 'US' },
        taxIds: [],
        taxStatus: 'taxable',
        locale: 'en-US',
      },
    }),
  );
}
