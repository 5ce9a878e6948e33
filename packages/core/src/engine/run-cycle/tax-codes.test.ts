import { describe, expect, it } from 'vitest';
import type { Invoice } from '../../domain/invoice';
import { rejection } from '../test-fixture';
import { createCycleFixture } from './cycle-fixture';

const BERLIN = { line1: 'Hauptstraße 1', city: 'Berlin', postalCode: '10115', country: 'DE' } as const;
const PARIS = { line1: '1 rue de Rivoli', city: 'Paris', postalCode: '75001', country: 'FR' } as const;
const taxes = (invoice: Invoice | undefined) =>
  invoice?.taxes.map((tax) => [tax.rateId, tax.taxableAmount, tax.amount]);

/** The cycle fixture plus a German 7 % rate and an exempt one, a magazine (reduced) and a care product (medical). */
async function taxCodeFixture() {
  const f = await createCycleFixture({ start: '2026-01-01T00:00:00Z' });
  const { catalog } = f.billing;
  await catalog.taxRates.create({
    id: 'txr_de_7',
    name: 'USt. 7 %',
    percentage: '7',
    inclusive: false,
    taxCode: 'reduced',
    country: 'DE',
  });
  await catalog.taxRates.create({
    id: 'txr_fr_5_5',
    name: 'TVA 5,5 %',
    percentage: '5.5',
    inclusive: false,
    taxCode: 'reduced',
    country: 'FR',
  });
  await catalog.taxRates.create({
    id: 'txr_medical',
    name: 'exempt',
    percentage: '0',
    inclusive: false,
    taxCode: 'medical',
    category: 'E',
    exemption: { code: 'VATEX-EU-132-1C', reason: 'Medical care' },
  });
  const product = (id: string, name: string, taxCode?: string) =>
    catalog.products.create({
      id,
      name,
      billingCode: id.toUpperCase(),
      category: 'addons',
      ...(taxCode ? { taxCode } : {}),
    });
  await product('mag', 'Magazine', 'reduced');
  await product('care', 'Care line', 'medical');
  const monthly = (id: string, productId: string, amount: string) =>
    catalog.prices.create({ id, productId, interval: 'month', spec: { model: 'flat', currency: 'EUR', amount } });
  await monthly('price_mag', 'mag', '4.90');
  await monthly('price_care', 'care', '10.00');
  const customer = async (id: string, fields: Record<string, unknown> = {}) =>
    f.billing.customers.create({
      id,
      name: `Customer ${id}`,
      email: `${id}@example.com`,
      currency: 'EUR',
      address: BERLIN,
      taxRateIds: [f.vat.id],
      ...fields,
    });
  return { f, customer };
}

describe('tax per product (tax codes)', () => {
  it('taxes each line at its product’s rate for the customer’s country: 19 % beside 7 % and an exempt line', async () => {
    const { f, customer } = await taxCodeFixture();
    const berlin = await customer('cus_berlin');
    const { invoices } = await f.subscriptions.create({
      customerId: berlin.id,
      items: [{ priceId: f.prices.pro.id }, { priceId: 'price_mag' }, { priceId: 'price_care' }],
    });
    // Pro 29.00 at the customer's 19 % = 5.51; the magazine 4.90 at 7 % = 0.343 → 0.34; care 10.00 exempt (E).
    const first = invoices[0];
    expect(first?.lines.map((line) => [line.description, line.taxes])).toEqual([
      ['Pro', [{ rateId: 'txr_vat', amount: '5.51' }]],
      ['Magazine', [{ rateId: 'txr_de_7', amount: '0.34' }]],
      ['Care line', [{ rateId: 'txr_medical', amount: '0.00' }]],
    ]);
    expect(taxes(first)).toEqual([
      ['txr_vat', '29.00', '5.51'],
      ['txr_de_7', '4.90', '0.34'],
      ['txr_medical', '10.00', '0.00'],
    ]);
    expect(first?.taxRates.map((rate) => rate.id)).toEqual(['txr_vat', 'txr_de_7', 'txr_medical']);
    expect([first?.subtotal, first?.taxTotal, first?.total]).toEqual(['43.90', '5.85', '49.75']);
    // A French customer's magazine is taxed at the French rate: 4.90 × 5.5 % = 0.2695 → 0.27.
    const paris = await customer('cus_paris', { address: PARIS });
    const french = await f.subscriptions.create({ customerId: paris.id, items: [{ priceId: 'price_mag' }] });
    expect(taxes(french.invoices[0])).toEqual([['txr_fr_5_5', '4.90', '0.27']]);
  });

  it('rounds each rate once over its own lines (per-invoice rounding)', async () => {
    const { f, customer } = await taxCodeFixture();
    const berlin = await customer('cus_berlin');
    // Three magazines at 1.05 each: 3.15 × 7 % = 0.2205 → 0.22 (per line it would be 3 × 0.07 = 0.21).
    const invoice = await f.billing.invoices.createOneOff({
      customerId: berlin.id,
      lines: [
        { description: 'Issue 1', amount: '1.05', taxCode: 'reduced' },
        { description: 'Issue 2', amount: '1.05', taxCode: 'reduced' },
        { description: 'Issue 3', amount: '1.05', taxCode: 'reduced' },
        { description: 'Repair', amount: '100.00' },
      ],
      autoFinalize: true,
    });
    expect(taxes(invoice)).toEqual([
      ['txr_de_7', '3.15', '0.22'],
      ['txr_vat', '100.00', '19.00'],
    ]);
    expect(invoice.lines.map((line) => line.taxes[0]?.amount)).toEqual(['0.08', '0.07', '0.07', '19.00']);
    expect(invoice.total).toBe('122.37');
  });

  it('lets the customer’s tax status win over the product’s rate: exempt and reverse-charge customers pay none', async () => {
    const { f, customer } = await taxCodeFixture();
    const exempt = await customer('cus_exempt', { taxStatus: 'exempt' });
    const { invoices } = await f.subscriptions.create({
      customerId: exempt.id,
      items: [{ priceId: f.prices.pro.id }, { priceId: 'price_mag' }],
    });
    expect([invoices[0]?.taxTotal, invoices[0]?.total]).toEqual(['0.00', '33.90']);
    expect(invoices[0]?.lines.map((line) => line.taxes)).toEqual([[], []]);
    const reverse = await customer('cus_reverse', {
      address: PARIS,
      taxStatus: 'reverse_charge',
      taxIds: [{ type: 'eu_vat', value: 'FR40303265045' }],
    });
    const b2b = await f.subscriptions.create({ customerId: reverse.id, items: [{ priceId: 'price_mag' }] });
    expect([b2b.invoices[0]?.taxTotal, b2b.invoices[0]?.notes.length]).toEqual(['0.00', 1]);
    // No rate of the code is needed where none is charged: an Italian business buys the magazine too.
    const milano = await customer('cus_milano', {
      address: { line1: 'Via Dante 1', city: 'Milano', country: 'IT' },
      taxStatus: 'reverse_charge',
      taxIds: [{ type: 'eu_vat', value: 'IT12345678901' }],
    });
    const italian = await f.subscriptions.create({ customerId: milano.id, items: [{ priceId: 'price_mag' }] });
    expect([italian.invoices[0]?.total, italian.invoices[0]?.taxRates.map((rate) => rate.id)]).toEqual([
      '4.90',
      ['txr_vat'],
    ]);
  });

  it('refuses a product whose tax code has no rate for the customer’s country, naming the code', async () => {
    const { f, customer } = await taxCodeFixture();
    const rome = await customer('cus_rome', { address: { line1: 'Via Roma 1', city: 'Roma', country: 'IT' } });
    const error = await rejection(f.subscriptions.create({ customerId: rome.id, items: [{ priceId: 'price_mag' }] }));
    expect(error.code).toBe('not_found');
    expect(error.message).toContain('"reduced"');
    expect(error.message).toContain('IT');
    expect((await f.billing.subscriptions.list({ customerId: rome.id })).items).toEqual([]);
    const line = await rejection(
      f.billing.invoices.createOneOff({
        customerId: rome.id,
        lines: [{ description: 'Issue', amount: '1.00', taxCode: 'reduced' }],
      }),
    );
    expect([line.code, line.path]).toEqual(['not_found', ['input', 'lines', 0, 'taxCode']]);
  });

  it('refuses tax-rate input that cannot say where it applies', async () => {
    const { f } = await taxCodeFixture();
    const region = await rejection(
      f.billing.catalog.taxRates.create({
        name: 'CA',
        percentage: '6',
        inclusive: false,
        taxCode: 'general',
        region: 'CA',
      }),
    );
    expect([region.code, region.path]).toEqual(['invalid_input', ['input', 'country']]);
    const country = await rejection(
      f.billing.catalog.taxRates.create({ name: 'DE', percentage: '7', inclusive: false, country: 'DE' }),
    );
    expect([country.code, country.path]).toEqual(['invalid_input', ['input', 'taxCode']]);
  });
});
