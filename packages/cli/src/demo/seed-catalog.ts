import type { Billing, CatalogPrice, Coupon, Meter, TaxRate } from '@billfold/core';

/** The currencies the demo provider sells in: EUR in Europe, USD in the US. */
export type DemoCurrency = 'EUR' | 'USD';

/** The demo's currencies, in print order. */
export const DEMO_CURRENCIES: readonly DemoCurrency[] = ['EUR', 'USD'];

/** The price of one product in each currency: one catalog price with a USD currency option beside its EUR spec. */
export type PricePerCurrency = Readonly<Record<DemoCurrency, CatalogPrice>>;

/** An internet plan: its billing code and its monthly prices, slowest plan first. */
export interface DemoPlan {
  readonly billingCode: string;
  readonly name: string;
  readonly prices: PricePerCurrency;
}

/** The US sales-tax jurisdictions of the demo: a state rate plus a city rate each. */
export type UsRegion = 'NY' | 'TX';

/** What {@link seedCatalog} created. */
export interface DemoCatalog {
  /** `INT-50M`, `INT-100M`, `INT-1G`: monthly, in advance. */
  readonly plans: readonly DemoPlan[];
  /** `DATA`: metered in arrears on {@link DemoCatalog.meter}, 100 GB included, then per GB (graduated). */
  readonly data: PricePerCurrency;
  readonly meter: Meter;
  /** `IP-STATIC`: a static IPv4 address, monthly in advance. */
  readonly staticIp: PricePerCurrency;
  /** `SETUP`: the one-time installation fee, invoiced on its own at sign-up. */
  readonly setup: PricePerCurrency;
  /** `HW-ROUTER`: the Wi-Fi router new customers get, a one-time item on their first invoice (VAT 19 %). */
  readonly router: PricePerCurrency;
  /** `MAG-NETZ`: a monthly magazine add-on for German customers, tax code `reduced` (German VAT 7 %). */
  readonly magazine: CatalogPrice;
  /** `WELCOME20`: 20% off the fibre plan (only) for the first 3 billing periods. */
  readonly coupon: Coupon;
  /** German VAT, 19% on top (exclusive). */
  readonly vat: TaxRate;
  /** German reduced VAT, 7 %: the rate of tax code `reduced` for customers in Germany. */
  readonly reducedVat: TaxRate;
  /** State and city sales tax per US region. */
  readonly salesTax: Readonly<Record<UsRegion, readonly [state: TaxRate, city: TaxRate]>>;
}

const PLANS = [
  { billingCode: 'INT-50M', name: 'Fibre 50 Mbit/s', EUR: '29.00', USD: '32.00' },
  { billingCode: 'INT-100M', name: 'Fibre 100 Mbit/s', EUR: '39.00', USD: '42.00' },
  { billingCode: 'INT-1G', name: 'Fibre 1 Gbit/s', EUR: '69.00', USD: '75.00' },
] as const;

/** The included data volume and the price per GB beyond it. */
export const DATA_INCLUDED_GB = '100';
const DATA_PER_GB: Record<DemoCurrency, string> = { EUR: '0.50', USD: '0.60' };
const STATIC_IP: Record<DemoCurrency, string> = { EUR: '5.00', USD: '6.00' };
const SETUP_FEE: Record<DemoCurrency, string> = { EUR: '49.00', USD: '59.00' };
const ROUTER: Record<DemoCurrency, string> = { EUR: '79.00', USD: '89.00' };

/**
 * Seeds the catalog of a small internet provider: three fibre plans with billing codes, a metered data add-on,
 * a static IP add-on, a one-time setup fee and a router (each one price in EUR with a USD option), a magazine
 * add-on at the reduced German VAT rate (tax code `reduced`), a welcome coupon, German VAT and US state + city
 * sales tax.
 */
export async function seedCatalog(billing: Billing): Promise<DemoCatalog> {
  const { catalog } = billing;
  const product = (billingCode: string, name: string, category: string) =>
    catalog.products.create({ billingCode, name, category });
  /** One price in EUR with a USD option: the subscription's currency picks the amount. */
  const inBoth = (price: CatalogPrice): PricePerCurrency => ({ EUR: price, USD: price });
  const monthly = async (productId: string, amounts: Record<DemoCurrency, string>): Promise<PricePerCurrency> =>
    inBoth(
      await catalog.prices.create({
        productId,
        spec: { model: 'flat', currency: 'EUR', amount: amounts.EUR },
        currencyOptions: [{ model: 'flat', currency: 'USD', amount: amounts.USD }],
        interval: 'month',
      }),
    );

  const plans: DemoPlan[] = [];
  for (const plan of PLANS) {
    const { id } = await product(plan.billingCode, plan.name, 'internet');
    plans.push({ billingCode: plan.billingCode, name: plan.name, prices: await monthly(id, plan) });
  }

  const meter = await catalog.meters.create({
    name: 'GB transferred',
    eventName: 'data.transfer',
    aggregation: 'sum',
    property: 'gb',
  });
  const dataProduct = await product('DATA', 'Data volume', 'usage');
  const dataPrice = (currency: DemoCurrency) =>
    catalog.prices.create({
      productId: dataProduct.id,
      spec: {
        model: 'graduated',
        currency,
        tiers: [
          { upTo: DATA_INCLUDED_GB, unitAmount: '0' },
          { upTo: null, unitAmount: DATA_PER_GB[currency] },
        ],
      },
      interval: 'month',
      timing: 'in_arrears',
      meterId: meter.id,
    });
  const data = { EUR: await dataPrice('EUR'), USD: await dataPrice('USD') };

  const staticIp = await monthly((await product('IP-STATIC', 'Static IPv4 address', 'add-on')).id, STATIC_IP);

  const setupProduct = await product('SETUP', 'Installation and router setup', 'one-time');
  const setupPrice = (currency: DemoCurrency) =>
    catalog.prices.create({
      productId: setupProduct.id,
      spec: { model: 'flat', currency, amount: SETUP_FEE[currency] },
      interval: 'one_time',
    });
  const setup = { EUR: await setupPrice('EUR'), USD: await setupPrice('USD') };

  const router = inBoth(
    await catalog.prices.create({
      productId: (await product('HW-ROUTER', 'Wi-Fi router', 'hardware')).id,
      spec: { model: 'per_unit', currency: 'EUR', unitAmount: ROUTER.EUR },
      currencyOptions: [{ model: 'per_unit', currency: 'USD', unitAmount: ROUTER.USD }],
      interval: 'one_time',
    }),
  );
  const magazineProduct = await catalog.products.create({
    billingCode: 'MAG-NETZ',
    name: 'Netz & Technik magazine',
    category: 'add-on',
    taxCode: 'reduced',
  });
  const magazine = await catalog.prices.create({
    productId: magazineProduct.id,
    spec: { model: 'flat', currency: 'EUR', amount: '4.90' },
    interval: 'month',
  });

  // The welcome discount is for the fibre plan itself: not for hardware, add-ons or data.
  const coupon = await catalog.coupons.create({
    name: 'WELCOME20: 20% off the plan for 3 months',
    percentOff: '20',
    duration: 'repeating',
    durationPeriods: 3,
    appliesTo: { productIds: plans.map((plan) => plan.prices.EUR.productId) },
  });

  const rate = (name: string, percentage: string, jurisdiction: string) =>
    catalog.taxRates.create({ name, percentage, inclusive: false, jurisdiction, taxType: 'sales_tax' });
  const vat = await catalog.taxRates.create({
    name: 'VAT',
    percentage: '19',
    inclusive: false,
    jurisdiction: 'DE',
    taxType: 'vat',
    category: 'S',
  });
  const reducedVat = await catalog.taxRates.create({
    name: 'VAT (reduced)',
    percentage: '7',
    inclusive: false,
    jurisdiction: 'DE',
    taxType: 'vat',
    category: 'S',
    taxCode: 'reduced',
    country: 'DE',
  });
  const salesTax = {
    NY: [
      await rate('New York State sales tax', '4', 'US-NY'),
      await rate('New York City sales tax', '4.5', 'US-NY-NYC'),
    ],
    TX: [await rate('Texas sales tax', '6.25', 'US-TX'), await rate('Austin sales tax', '2', 'US-TX-AUS')],
  } as const;

  return { plans, data, meter, staticIp, setup, router, magazine, coupon, vat, reducedVat, salesTax };
}
