import { z } from 'zod';
import type { TaxRate } from './tax-rate';

/**
 * A tax code: what kind of supply a product is for tax (`"standard"`, `"reduced"`, `"exempt-medical"`, or a tax
 * engine's own codes such as `"txcd_10000000"`). A product with a code is taxed at the catalog rates of that code
 * for the customer's location instead of the customer's own rates. 1–64 letters, digits, `_`, `.`, `:` or `-`.
 */
export const TaxCodeSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/, 'letters, digits, "_", ".", ":" or "-" (e.g. "reduced")');

/** A tax code; see {@link TaxCodeSchema}. */
export type TaxCode = z.infer<typeof TaxCodeSchema>;

/** An ISO 3166-1 alpha-2 country code (`DE`, `US`), as in a postal address. */
export const CountryCodeSchema = z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 code such as "DE"');

/** Where a customer is for tax: the country and region of their address (both optional). */
export interface TaxLocation {
  readonly country?: string;
  readonly region?: string;
}

/** How closely a rate of a tax code fits a location: 2 its region, 1 its country, 0 anywhere, -1 not at all. */
function fit(rate: TaxRate, location: TaxLocation): number {
  if (rate.country === undefined) return 0;
  if (rate.country !== location.country) return -1;
  if (rate.region === undefined) return 1;
  return rate.region === location.region ? 2 : -1;
}

/**
 * The rates a line of tax code `taxCode` is taxed at for a customer at `location`: the catalog rates of that code
 * whose `country` (and `region`, when the rate names one) are the customer's, the most specific that fit — rates
 * of the customer's region before rates of their country before rates without a country — all of that level
 * together (a state rate and a city rate of one region), in id order. `undefined` when no rate of the code fits.
 * @example
 * ```ts
 * const rates = [
 *   { id: 'de_7', name: 'USt. 7 %', percentage: '7', inclusive: false, taxCode: 'reduced', country: 'DE' },
 *   { id: 'fr_5_5', name: 'TVA 5,5 %', percentage: '5.5', inclusive: false, taxCode: 'reduced', country: 'FR' },
 * ];
 * ratesForTaxCode(rates, 'reduced', { country: 'DE' }); // [de_7]
 * ratesForTaxCode(rates, 'reduced', { country: 'IT' }); // undefined
 * ```
 */
export function ratesForTaxCode(
  rates: Iterable<TaxRate>,
  taxCode: string,
  location: TaxLocation,
): TaxRate[] | undefined {
  let best = -1;
  let chosen: TaxRate[] = [];
  for (const rate of rates) {
    if (rate.taxCode !== taxCode) continue;
    const level = fit(rate, location);
    if (level < 0 || level < best) continue;
    if (level > best) {
      best = level;
      chosen = [];
    }
    chosen.push(rate);
  }
  if (best < 0) return undefined;
  return chosen.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
