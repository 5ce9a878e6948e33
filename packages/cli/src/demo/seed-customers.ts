import type { Billing, Customer } from '@billfold/core';
import type { DemoRandom } from './random';
import type { DemoCatalog, DemoCurrency, UsRegion } from './seed-catalog';

/** Where a customer is and how they are taxed. */
export type DemoRegion = 'DE' | 'EU-B2B' | `US-${UsRegion}`;

/** How a customer pays: in full and early, half, rounded up, a month late, or not at all. */
export type PayerHabit = 'prompt' | 'partial' | 'over' | 'late' | 'never';

/** The manual payment methods the demo provider accepts. */
export type DemoPaymentMethod = 'cash' | 'cheque' | 'bank_transfer';

/** A demo customer: the stored customer and the habits the scenario plays out. */
export interface DemoCustomer {
  readonly index: number;
  readonly customer: Customer;
  readonly region: DemoRegion;
  readonly currency: DemoCurrency;
  /** Subscribed before the demo starts (from the 1st, no setup fee); otherwise signs up on `signupDay`. */
  readonly existing: boolean;
  readonly signupDay: number;
  /** Index into the catalog's plans. */
  readonly plan: number;
  readonly staticIp: boolean;
  /** Takes the magazine add-on (German customers only: it is sold at the German reduced VAT rate). */
  readonly magazine: boolean;
  readonly coupon: boolean;
  readonly habit: PayerHabit;
  readonly method: DemoPaymentMethod;
  /** Typical data transfer per month, in GB. */
  readonly monthlyGb: number;
}

const FIRST_NAMES = {
  DE: ['Anna', 'Lukas', 'Mia', 'Jonas', 'Lea', 'Felix', 'Emma', 'Paul', 'Hannah', 'Leon', 'Sophie', 'Jürgen'],
  US: ['James', 'Mary', 'Robert', 'Linda', 'Michael', 'Sarah', 'David', 'Karen', 'Daniel', 'Lisa', 'Kevin', 'Amy'],
} as const;
const LAST_NAMES = {
  DE: ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Hoffmann', 'Schulz'],
  US: ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Martinez', 'Wilson'],
} as const;
const DE_CITIES = [
  { city: 'Berlin', postalCode: '10115' },
  { city: 'Hamburg', postalCode: '20095' },
  { city: 'München', postalCode: '80331' },
  { city: 'Köln', postalCode: '50667' },
  { city: 'Leipzig', postalCode: '04109' },
] as const;
const DE_STREETS = ['Hauptstraße', 'Bahnhofstraße', 'Gartenweg', 'Lindenallee', 'Schulstraße'] as const;
const US_PLACES = {
  NY: { city: 'New York', postalCode: '10001', region: 'NY', timeZone: 'America/New_York' },
  TX: { city: 'Austin', postalCode: '78701', region: 'TX', timeZone: 'America/Chicago' },
} as const;
const US_STREETS = ['Main Street', 'Oak Avenue', 'Maple Drive', 'Cedar Lane', 'Park Road'] as const;

/** The first customers cover every payment habit and method, so even a small demo shows them all. */
const SHOWCASE_HABITS: Readonly<Record<number, { habit: PayerHabit; method: DemoPaymentMethod }>> = {
  1: { habit: 'prompt', method: 'cash' },
  2: { habit: 'over', method: 'cheque' },
  3: { habit: 'partial', method: 'bank_transfer' },
  4: { habit: 'never', method: 'cash' },
  5: { habit: 'late', method: 'cheque' },
};

/** An e-mail local part from a name: lower case ASCII (`Jürgen Müller` → `juergen.mueller`). */
function emailName(name: string): string {
  return name
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]+/g, '.')
    .replace(/^\.|\.$/g, '');
}

/** Customer 0 is the EU business (reverse charge), every third a US customer, the others German. */
function regionOf(index: number): DemoRegion {
  if (index === 0) return 'EU-B2B';
  if (index % 3 === 2) return index % 2 === 0 ? 'US-NY' : 'US-TX';
  return 'DE';
}

/**
 * Creates `count` customers with their habits, all drawn from `random`: German consumers and small businesses
 * (EUR, VAT 19% on top), one Dutch business with a VAT id (EUR, reverse charge), and US customers in New York
 * and Austin (USD, state + city sales tax).
 */
export async function seedCustomers(
  billing: Billing,
  catalog: DemoCatalog,
  random: DemoRandom,
  count: number,
): Promise<DemoCustomer[]> {
  const customers: DemoCustomer[] = [];
  const taken = new Set<string>();
  /** A first and last name nobody else has (with a middle initial once the pairs run out). */
  const uniqueName = (first: readonly string[], last: readonly string[]) => {
    let name = `${random.pick(first)} ${random.pick(last)}`;
    for (let attempt = 0; taken.has(name); attempt++) {
      const initial = attempt < 20 ? '' : ` ${String.fromCharCode(65 + (attempt % 26))}.`;
      name = `${random.pick(first)}${initial} ${random.pick(last)}`;
    }
    taken.add(name);
    return name;
  };
  for (let index = 0; index < count; index++) {
    const region = regionOf(index);
    const business = region === 'EU-B2B' || (region === 'DE' && random.chance(0.2));
    const number = String(index + 1).padStart(3, '0');
    let customer: Customer;
    if (region === 'EU-B2B') {
      customer = await billing.customers.create({
        name: 'Van Dijk Logistics B.V.',
        email: 'accounts@vandijk-logistics.example',
        address: { line1: 'Wilhelminakade 12', city: 'Rotterdam', postalCode: '3072 AP', country: 'NL' },
        taxIds: [{ type: 'eu_vat', value: 'NL123456789B01' }],
        taxStatus: 'reverse_charge',
        locale: 'en-GB',
        timeZone: 'Europe/Amsterdam',
        currency: 'EUR',
        paymentTermsDays: 30,
        externalRef: `CRM-${number}`,
      });
    } else if (region === 'DE') {
      const person = uniqueName(FIRST_NAMES.DE, LAST_NAMES.DE);
      const place = random.pick(DE_CITIES);
      const name = business ? `${person.split(' ').at(-1)} Handwerk GmbH` : person;
      customer = await billing.customers.create({
        name,
        email: `${emailName(name)}.${number}@example.de`,
        address: { line1: `${random.pick(DE_STREETS)} ${random.int(1, 120)}`, ...place, country: 'DE' },
        taxIds: business ? [{ type: 'eu_vat', value: `DE${random.int(100_000_000, 999_999_999)}` }] : [],
        locale: 'de-DE',
        timeZone: 'Europe/Berlin',
        currency: 'EUR',
        paymentTermsDays: business ? 30 : 14,
        taxRateIds: [catalog.vat.id],
        externalRef: `CRM-${number}`,
      });
    } else {
      const state = region === 'US-NY' ? 'NY' : 'TX';
      const { timeZone, ...place } = US_PLACES[state];
      const name = uniqueName(FIRST_NAMES.US, LAST_NAMES.US);
      customer = await billing.customers.create({
        name,
        email: `${emailName(name)}.${number}@example.com`,
        address: { line1: `${random.int(10, 999)} ${random.pick(US_STREETS)}`, ...place, country: 'US' },
        locale: 'en-US',
        timeZone,
        currency: 'USD',
        paymentTermsDays: 14,
        taxRateIds: catalog.salesTax[state].map((rate) => rate.id),
        externalRef: `CRM-${number}`,
      });
    }
    const existing = index === 0 || random.chance(0.6);
    const habit = business ? 'prompt' : random.weighted({ prompt: 55, partial: 12, over: 8, late: 13, never: 12 });
    const method = business ? 'bank_transfer' : random.weighted({ cash: 20, cheque: 25, bank_transfer: 55 });
    customers.push({
      index,
      customer,
      region,
      currency: customer.currency as DemoCurrency,
      existing,
      signupDay: existing ? 1 : random.int(2, 20),
      plan: business ? random.int(1, 2) : Number(random.weighted({ 0: 5, 1: 4, 2: 2 })),
      staticIp: business || random.chance(0.1),
      // The first German customer shows the 7 % magazine beside the 19 % plan on every invoice.
      magazine: region === 'DE' && (index === 1 || random.chance(0.25)),
      coupon: !existing && random.chance(0.5),
      habit,
      method,
      ...SHOWCASE_HABITS[index],
      monthlyGb: random.int(30, 260),
    });
  }
  return customers;
}
