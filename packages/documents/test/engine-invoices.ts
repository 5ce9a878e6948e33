import {
  type Billing,
  type CreditNote,
  type CustomerInput,
  createBilling,
  createTestClock,
  type EngineConfigInput,
  type Invoice,
  MemoryStorage,
  type TaxRate,
  type TestClock,
} from '@billfold/core';
import type { SellerProfile } from '../src/index';

/** A German seller: VAT id, company register, a SEPA account. */
export const GERMAN_SELLER: SellerProfile = {
  name: 'Billfold Networks GmbH',
  address: { line1: 'Friedrichstraße 100', city: 'Berlin', postalCode: '10117', country: 'DE' },
  vatId: 'DE811907980',
  companyId: 'HRB 123456 B',
  email: 'billing@networks.example',
  bankAccount: { iban: 'DE89 3704 0044 0532 0130 00', bic: 'COBADEFFXXX' },
  paymentTerms: 'Net 14 days',
};

/** A Swiss seller: a CHE VAT number and a Swiss IBAN (CHF is not SEPA's currency). */
export const SWISS_SELLER: SellerProfile = {
  name: 'Billfold Schweiz AG',
  address: { line1: 'Bahnhofstrasse 1', city: 'Zürich', postalCode: '8001', country: 'CH' },
  vatId: 'CHE123456789MWST',
  bankAccount: { iban: 'CH93 0076 2011 6238 5295 7', bic: 'UBSWCHZH80A' },
};

/**
 * A Japanese seller: its qualified-invoice registration number is a tax registration (BT-32), not an EU-style
 * VAT id with a country prefix; its corporate number identifies it (BT-30).
 */
export const JAPANESE_SELLER: SellerProfile = {
  name: 'Billfold Japan KK',
  address: { line1: '1-1 Marunouchi', city: 'Chiyoda-ku, Tokyo', postalCode: '100-0005', country: 'JP' },
  taxIds: [{ type: 'jp_trn', value: 'T1234567890123' }],
  companyId: '1234567890123',
  bankAccount: { iban: '0001-001-1234567', accountName: 'Billfold Japan KK' },
};

const BERLIN = { line1: 'Hauptstraße 5', city: 'Berlin', postalCode: '10115', country: 'DE' } as const;

/** A billing engine on MemoryStorage at 2026-01-10 09:00 UTC with a test clock, and helpers to make customers. */
export interface EngineWorld {
  readonly billing: Billing;
  readonly clock: TestClock;
  rate(input: { percentage: string; name?: string; inclusive?: boolean } & Partial<TaxRate>): Promise<TaxRate>;
  customer(input: Partial<CustomerInput>): Promise<string>;
}

/** A fresh {@link EngineWorld}. */
export function engineWorld(config?: EngineConfigInput): EngineWorld {
  const clock = createTestClock('2026-01-10T09:00:00Z');
  const billing = createBilling({ storage: new MemoryStorage(), clock, ...(config ? { config } : {}) });
  return {
    billing,
    clock,
    rate: (input) => billing.catalog.taxRates.create({ name: 'VAT', inclusive: false, ...input }),
    async customer(input) {
      const customer = await billing.customers.create({
        name: 'Muster AG',
        email: 'rechnung@muster.example',
        address: BERLIN,
        taxIds: [{ type: 'eu_vat', value: 'DE123456789' }],
        currency: 'EUR',
        timeZone: 'Europe/Berlin',
        locale: 'de-DE',
        ...input,
      });
      return customer.id;
    },
  };
}

/** An engine-made document and the seller it is issued by. */
export interface EngineCase {
  readonly name: string;
  readonly seller: SellerProfile;
  readonly invoice: Invoice;
  /** For credit notes: the note (rendered against `invoice`). */
  readonly creditNote?: CreditNote;
}

/** A finalized one-off invoice of `amounts` (one line each) for `customerId`. */
async function oneOff(
  world: EngineWorld,
  customerId: string,
  amounts: readonly string[],
  extra: { couponId?: string; currency?: string } = {},
): Promise<Invoice> {
  return world.billing.invoices.createOneOff({
    customerId,
    lines: amounts.map((amount, i) => ({ description: `Service ${i + 1}`, amount })),
    autoFinalize: true,
    ...extra,
  });
}

/** 250 lines of 0.50 EUR at 19 %: 125.00 net, 23.75 VAT rounded once (per-line rounding would give 25.00). */
export async function manySmallLines(config?: EngineConfigInput): Promise<Invoice> {
  const world = engineWorld(config);
  const vat = await world.rate({ percentage: '19' });
  const customerId = await world.customer({ taxRateIds: [vat.id] });
  return oneOff(world, customerId, new Array(250).fill('0.50'));
}

/** A monthly plan (39.00 EUR, 19 %) bought on the 10th and changed on the 20th to `to` with immediate proration. */
export async function planChange(to: '69.00' | '29.00'): Promise<Invoice> {
  const world = engineWorld();
  const vat = await world.rate({ percentage: '19' });
  const customerId = await world.customer({ taxRateIds: [vat.id] });
  const { catalog, subscriptions } = world.billing;
  const plan = async (name: string, amount: string) => {
    const product = await catalog.products.create({ name, billingCode: name.toUpperCase(), category: 'internet' });
    return catalog.prices.create({
      productId: product.id,
      interval: 'month',
      spec: { model: 'flat', currency: 'EUR', amount },
    });
  };
  const current = await plan('Fibre100', '39.00');
  const next = await plan(to === '69.00' ? 'Fibre1000' : 'Fibre50', to);
  const { subscription } = await subscriptions.create({ customerId, items: [{ priceId: current.id }] });
  world.clock.advance({ days: 10 });
  const changed = await subscriptions.change({
    subscriptionId: subscription.id,
    items: [{ priceId: next.id }],
    prorate: 'immediate',
  });
  const invoice = changed.invoices[0];
  if (invoice === undefined) throw new Error('the plan change made no invoice');
  return invoice;
}

/**
 * A German ISP's invoices, as the engine makes them from its catalog: internet at the customer's 19 % (no tax code),
 * a magazine add-on at 7 % (tax code `reduced`, a German rate), a medical emergency-call service exempt with its
 * VATEX code (tax code `medical`) and a router (one-time, 19 %) on the first invoice, 39.00 + 4.90 + 10.00 + 99.00 =
 * 152.90 net, VAT 138.00 × 19 % = 26.22 and 4.90 × 7 % = 0.34, total 179.46; then, a month later, the same plan
 * with 25 GB of graduated data usage (10 GB free, then 15 × 0.50 = 7.50, at 19 %) and a pending special issue of the
 * magazine (8.00 at 7 %, given as an amount with its tax code): 69.40 net, VAT 46.50 × 19 % = 8.835 → 8.84 and
 * 12.90 × 7 % = 0.903 → 0.90, total 79.14.
 */
export async function germanIsp(): Promise<{ first: Invoice; cycle: Invoice }> {
  const world = engineWorld();
  const { catalog, subscriptions, usage, runCycle } = world.billing;
  const vat = await world.rate({ id: 'txr_de_19', name: 'USt.', percentage: '19' });
  await world.rate({ id: 'txr_de_7', name: 'USt. ermäßigt', percentage: '7', taxCode: 'reduced', country: 'DE' });
  await world.rate({
    id: 'txr_medical',
    name: 'steuerfrei',
    percentage: '0',
    taxCode: 'medical',
    category: 'E',
    exemption: { code: 'VATEX-EU-132-1C', reason: 'Heilbehandlung' },
  });
  const customerId = await world.customer({ name: 'Familie Schmidt', taxIds: [], taxRateIds: [vat.id] });
  const product = (name: string, billingCode: string, taxCode?: string) =>
    catalog.products.create({ name, billingCode, category: 'isp', ...(taxCode === undefined ? {} : { taxCode }) });
  const monthly = async (productId: string, amount: string) =>
    catalog.prices.create({ productId, interval: 'month', spec: { model: 'flat', currency: 'EUR', amount } });
  const fibre = await monthly((await product('Glasfaser 100', 'INT-100M')).id, '39.00');
  const magazine = await monthly((await product('Magazin', 'MAG', 'reduced')).id, '4.90');
  const alarm = await monthly((await product('Hausnotruf', 'CARE', 'medical')).id, '10.00');
  const router = await catalog.prices.create({
    productId: (await product('WLAN-Router', 'HW-ROUTER')).id,
    interval: 'one_time',
    spec: { model: 'per_unit', currency: 'EUR', unitAmount: '99.00' },
  });
  const meter = await catalog.meters.create({ name: 'Daten', eventName: 'data', aggregation: 'sum', property: 'gb' });
  const data = await catalog.prices.create({
    productId: (await product('Datenvolumen', 'DATA')).id,
    interval: 'month',
    timing: 'in_arrears',
    meterId: meter.id,
    spec: {
      model: 'graduated',
      currency: 'EUR',
      tiers: [
        { upTo: '10', unitAmount: '0' },
        { upTo: null, unitAmount: '0.50' },
      ],
    },
  });
  const { subscription, invoices } = await subscriptions.create({
    customerId,
    items: [{ priceId: fibre.id }, { priceId: magazine.id }, { priceId: alarm.id }, { priceId: data.id }],
    oneTimeItems: [{ priceId: router.id }],
  });
  await subscriptions.addPendingItem({
    subscriptionId: subscription.id,
    description: 'Sonderheft Heimnetz',
    amount: '8.00',
    taxCode: 'reduced',
  });
  await usage.ingest([
    { id: 'gb_1', customerId, eventName: 'data', timestamp: '2026-01-20T10:00:00Z', properties: { gb: '25' } },
  ]);
  world.clock.advance({ months: 1 });
  await runCycle();
  const cycle = (await world.billing.invoices.list({ subscriptionId: subscription.id })).items.at(-1);
  if (invoices[0] === undefined || cycle === undefined) throw new Error('the ISP made no invoices');
  return { first: invoices[0], cycle };
}

/**
 * Every kind of invoice the engine can make today, each run through the real engine on MemoryStorage: one
 * VAT rate (the engine applies the customer's rates to every line), exempt, zero-rated, reverse charge, tax
 * included in prices, a coupon, a subscription's first and cycle invoices, an upgrade and a downgrade
 * invoiced at once (the downgrade's total is negative), a credit note, credit applied from the balance, a
 * paid invoice, cash rounding to CHF 0.05, JPY, and hundreds of lines.
 */
export async function engineCases(): Promise<EngineCase[]> {
  const cases: EngineCase[] = [];
  const add = (name: string, invoice: Invoice, seller = GERMAN_SELLER, creditNote?: CreditNote) =>
    cases.push({ name, seller, invoice, ...(creditNote ? { creditNote } : {}) });

  const world = engineWorld();
  const vat = await world.rate({ id: 'txr_de_19', percentage: '19' });
  const zero = await world.rate({ id: 'txr_zero', name: 'VAT 0 %', percentage: '0' });
  const inclusive = await world.rate({ id: 'txr_de_19_incl', percentage: '19', inclusive: true });
  const standard = await world.customer({ taxRateIds: [vat.id] });
  add('one-off at 19 %', await oneOff(world, standard, ['100.00', '12.34', '0.99']));
  const exempt = await world.customer({ name: 'Verein e.V.', taxStatus: 'exempt', taxRateIds: [vat.id] });
  add('exempt customer', await oneOff(world, exempt, ['80.00', '20.00']));
  const zeroRated = await world.customer({ name: 'Buchhandel GmbH', taxRateIds: [zero.id] });
  add('zero-rated', await oneOff(world, zeroRated, ['45.00']));
  const reverse = await world.customer({
    name: 'Łódź Logistics Sp. z o.o.',
    address: { line1: 'ul. Piotrkowska 100', city: 'Łódź', postalCode: '90-004', country: 'PL' },
    taxIds: [{ type: 'eu_vat', value: 'PL5260250274' }],
    taxStatus: 'reverse_charge',
    taxRateIds: [vat.id],
  });
  add('reverse charge', await oneOff(world, reverse, ['500.00', '120.50']));
  const gross = await world.customer({ name: 'Endkunde', taxIds: [], taxRateIds: [inclusive.id] });
  add('tax included in prices', await oneOff(world, gross, ['119.00', '9.99', '0.10']));

  const { catalog, subscriptions, payments, creditNotes } = world.billing;
  const coupon = await catalog.coupons.create({
    name: 'Welcome 20 %',
    percentOff: '20',
    duration: 'repeating',
    durationPeriods: 3,
  });
  add('coupon on a one-off invoice', await oneOff(world, standard, ['49.00', '10.00'], { couponId: coupon.id }));
  const product = await catalog.products.create({
    name: 'Fibre 100 Mbit/s',
    billingCode: 'INT-100M',
    category: 'internet',
  });
  const price = await catalog.prices.create({
    productId: product.id,
    interval: 'month',
    spec: { model: 'flat', currency: 'EUR', amount: '39.00' },
  });
  const subscriber = await world.customer({ name: 'Anna Müller', taxIds: [], taxRateIds: [vat.id] });
  const created = await subscriptions.create({
    customerId: subscriber,
    items: [{ priceId: price.id }],
    couponId: coupon.id,
    anchor: '2026-02-01T00:00:00.000Z',
  });
  const first = created.invoices[0];
  if (first) add('subscription start with a coupon', first);
  world.clock.advance({ months: 1 });
  await world.billing.runCycle();
  const cycle = (await world.billing.invoices.list({ customerId: subscriber })).items.find(
    (invoice) => invoice.billingReason === 'subscription_cycle' && invoice.number !== undefined,
  );
  if (cycle) add('subscription cycle', cycle);

  add('upgrade invoiced at once', await planChange('69.00'));
  add('downgrade invoiced at once (negative total)', await planChange('29.00'));

  const credited = await oneOff(world, standard, ['200.00', '50.00']);
  const note = await creditNotes.create({
    invoiceId: credited.id,
    lines: [{ invoiceLineId: credited.lines[0]?.id, description: 'Service 1, partly', amount: '59.50' }],
    reason: 'order_change',
  });
  add('credit note', credited, GERMAN_SELLER, note);
  const untied = await creditNotes.create({ invoiceId: credited.id, amount: '10.00', reason: 'other' });
  add('credit note not tied to a line', credited, GERMAN_SELLER, untied);

  const holder = await world.customer({ name: 'Guthaben GmbH', taxRateIds: [vat.id] });
  await payments.record({ customerId: holder, amount: '30.00', currency: 'EUR', method: 'bank_transfer' });
  add('credit applied from the balance', await oneOff(world, holder, ['100.00']));
  const payer = await world.customer({ name: 'Prompt Payer GmbH', taxRateIds: [vat.id] });
  const toPay = await oneOff(world, payer, ['100.00']);
  await payments.record({ customerId: payer, amount: toPay.amountDue, currency: 'EUR', method: 'bank_transfer' });
  add('paid', await world.billing.invoices.get(toPay.id));

  add('250 lines of 0.50', await manySmallLines());
  const isp = await germanIsp();
  add('several rates from tax codes: 19 %, 7 % and exempt', isp.first);
  add('pending item and graduated usage at 19 % beside 7 % and exempt', isp.cycle);

  const swiss = engineWorld({ cashRounding: { CHF: '0.05' } });
  const mwst = await swiss.rate({ name: 'MWST', percentage: '8.1' });
  const zurich = await swiss.customer({
    name: 'Zürcher Kunde AG',
    address: { line1: 'Limmatquai 1', city: 'Zürich', postalCode: '8001', country: 'CH' },
    taxIds: [{ type: 'ch_vat', value: 'CHE987654321MWST' }],
    currency: 'CHF',
    timeZone: 'Europe/Zurich',
    taxRateIds: [mwst.id],
  });
  add('cash rounding to CHF 0.05', await oneOff(swiss, zurich, ['10.01', '3.33']), SWISS_SELLER);

  const japan = engineWorld();
  const jct = await japan.rate({ name: '消費税', percentage: '10' });
  const tokyo = await japan.customer({
    name: '株式会社サンプル',
    address: { line1: '2-2 Nishi-Shinjuku', city: 'Shinjuku-ku, Tokyo', postalCode: '163-8001', country: 'JP' },
    taxIds: [],
    currency: 'JPY',
    timeZone: 'Asia/Tokyo',
    locale: 'ja-JP',
    taxRateIds: [jct.id],
  });
  add('JPY', await oneOff(japan, tokyo, ['1500', '333', '999']), JAPANESE_SELLER);
  return cases;
}
