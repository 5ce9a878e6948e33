import { type Invoice, InvoiceSchema, money } from '@billfold/core';
import { base, line, VAT_21 } from './fixtures';

/** An invoice in another currency with one line per name/sign worth testing in a PDF; no tax (exempt). */
export function unicodeInvoice(currency: 'INR' | 'TRY' | 'RUB' | 'JPY' | 'KWD', amount: string): Invoice {
  return InvoiceSchema.parse(
    base({
      id: `in_${currency.toLowerCase()}`,
      number: `INV-${currency}-0001`,
      currency,
      lines: [
        line('il_1', { description: 'Beratung für Zoë Øster in Łódź', amount, taxableAmount: amount }),
        line('il_2', { description: '東京 オフィス サポート', amount: '0', taxableAmount: '0' }),
        line('il_3', { description: 'Currency signs ₹ ₺ ₽ € £ ¥', amount: '0', taxableAmount: '0' }),
      ],
      subtotal: amount,
      total: amount,
      amountDue: amount,
      amountRemaining: amount,
      customerSnapshot: {
        name: '東京 Trading 株式会社',
        email: 'info@tokyo.example',
        address: { line1: '1-1 Marunouchi', city: '東京', postalCode: '100-0005', country: 'JP' },
        taxIds: [],
        taxStatus: 'exempt',
        locale: 'en',
      },
    }),
  );
}

/** Markup, formula prefixes, control characters and bidi overrides where users can type. */
export const HOSTILE = {
  markup: '<img src=x onerror=alert(1)>',
  script: '</script><script>alert(1)</script>',
  formula: '=HYPERLINK("http://evil.example","click")',
  plus: '+1+1',
  minus: '-2+3',
  at: '@SUM(A1:A2)',
  tab: '\t=1+1',
  cr: '\r=1+1',
  controls: 'bell\u0007 escape\u001b[31m nul\u0000 end',
  bidi: 'txt.\u202Eexe',
  cdata: ']]> & "quotes", commas',
} as const;

/** A customer and lines made of {@link HOSTILE} values, and a 10,000-character name. */
export function hostileInvoice(): Invoice {
  const longName = `${'Ä'.repeat(4000)}${' Verylongname'.repeat(300)}${'X'.repeat(2100)}`.slice(0, 10_000);
  const values = Object.values(HOSTILE);
  return InvoiceSchema.parse(
    base({
      id: 'in_hostile',
      number: 'INV-2026-000666',
      taxRates: [VAT_21],
      lines: values.map((description, i) =>
        line(`il_${i + 1}`, {
          description,
          billingCode: i === 0 ? HOSTILE.formula.slice(0, 40) : undefined,
          amount: '1.00',
          taxableAmount: '1.00',
          taxes: [{ rateId: 'nl-vat-21', amount: '0.21' }],
        }),
      ),
      subtotal: `${values.length}.00`,
      taxes: [
        {
          rateId: 'nl-vat-21',
          taxableAmount: `${values.length}.00`,
          amount: money('0.21', 'EUR').multiply(values.length).toString(),
        },
      ],
      taxTotal: money('0.21', 'EUR').multiply(values.length).toString(),
      total: money('1.21', 'EUR').multiply(values.length).toString(),
      amountDue: money('1.21', 'EUR').multiply(values.length).toString(),
      amountRemaining: money('1.21', 'EUR').multiply(values.length).toString(),
      notes: [HOSTILE.markup, HOSTILE.formula],
      customerSnapshot: {
        name: HOSTILE.markup,
        email: 'x@example.com',
        address: {
          line1: HOSTILE.script.slice(0, 200),
          line2: longName.slice(0, 200),
          city: HOSTILE.formula.slice(0, 100),
          country: 'NL',
        },
        taxIds: [{ type: 'eu_vat', value: `NL${HOSTILE.plus}` }],
        taxStatus: 'taxable',
        locale: 'en',
      },
      metadata: { note: HOSTILE.markup },
    }),
  );
}

/** The 10,000-character customer name variant of {@link hostileInvoice}. */
export function longNameInvoice(): Invoice {
  const invoice = hostileInvoice();
  const name = `Zoë ${'Øster-'.repeat(2000)}`.slice(0, 10_000);
  return InvoiceSchema.parse({ ...invoice, customerSnapshot: { ...invoice.customerSnapshot, name } });
}
