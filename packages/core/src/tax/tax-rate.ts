import { z } from 'zod';
import { compareFixed, type Fixed, parseFixed } from '../money/fixed';
import { BoundedNonNegativeDecimalSchema } from '../money/schemas';
import { TaxCategoryCodeSchema, TaxExemptionSchema, TaxTypeSchema } from './tax-category';
import { CountryCodeSchema, TaxCodeSchema } from './tax-code';

/**
 * A tax rate as plain JSON: `percentage` is a decimal string (`"19"`, `"9.975"`).
 * - `inclusive: false` (exclusive): the tax is added on top of the amount;
 * - `inclusive: true`: the amount already contains the tax (`tax = gross × rate / (1 + rate)`);
 * - `compound: true`: the rate applies to the amount plus the taxes of the rates listed before it on the same
 *   line (Quebec-style QST on top of GST).
 *
 * For e-invoices (EN 16931) a rate may say what it is: `taxType` (`vat` unless `sales_tax`), its VAT `category`
 * (`S` above 0 %, `Z` at 0 % when left out) and, for categories without VAT (`E`, `AE`, `K`, `G`, `O`), the
 * `exemption` reason and VATEX code. Records without these fields mean a VAT rate of category `S` or `Z`.
 *
 * A rate with a `taxCode` is what products of that code are taxed at (instead of the customer's own rates), for
 * customers whose address is in its `country` (and `region`), or anywhere when it names no country; see
 * `ratesForTaxCode`. Records without these fields are a customer's rates, as before.
 *
 * The `id` names the rate: every use of one id must agree on `percentage`, `inclusive` and `compound`.
 * Unknown fields are dropped, so a stored tax-rate record can be passed as it is.
 */
export const TaxRateSchema = z.strictObject({
  id: z.string().min(1),
  name: z.string().min(1),
  percentage: BoundedNonNegativeDecimalSchema,
  inclusive: z.boolean(),
  compound: z.boolean().optional(),
  jurisdiction: z.string().optional(),
  /** `vat` (the default when absent) or `sales_tax`; see {@link TaxTypeSchema}. */
  taxType: TaxTypeSchema.optional(),
  /** The EN 16931 VAT category; absent: `S` above 0 %, `Z` at 0 %. See {@link TaxCategoryCodeSchema}. */
  category: TaxCategoryCodeSchema.optional(),
  /** Why a supply at this rate carries no VAT (categories `E`, `AE`, `K`, `G`, `O`). */
  exemption: TaxExemptionSchema.optional(),
  /** The tax code this rate taxes (`"reduced"`); see {@link TaxCodeSchema}. */
  taxCode: TaxCodeSchema.optional(),
  /** Where a rate of a tax code applies: customers whose address is in this country (ISO 3166-1 alpha-2). */
  country: CountryCodeSchema.optional(),
  /** …and in this region of it (`"CA"`, `"QC"`), compared with the address's `region` as written. */
  region: z.string().min(1).max(100).optional(),
});

/** A tax rate; see {@link TaxRateSchema}. */
export type TaxRate = z.infer<typeof TaxRateSchema>;

/** A problem with how tax rates are combined, found by {@link findTaxRateConflicts}. */
export interface TaxRateConflict {
  /** Index of the line (of the list of rate lists). */
  readonly line: number;
  /** Index of the offending rate in that line's list. */
  readonly rate: number;
  /** The offending field of that rate. */
  readonly field: 'id' | 'inclusive' | 'percentage' | 'compound';
  /** What is wrong, in words a person can act on. */
  readonly message: string;
}

/**
 * Checks the rules for combining rates, over the rate lists of all lines of one invoice:
 * one id at most once per line; on one line, all rates inclusive or all exclusive (a gross amount that
 * contains some taxes while others are added on top has no single clean definition, so it is refused);
 * one id means one rate everywhere (same percentage, `inclusive` and `compound`).
 * @returns every conflict, in line order; empty when the rates combine cleanly.
 */
export function findTaxRateConflicts(rateLists: readonly (readonly TaxRate[] | undefined)[]): TaxRateConflict[] {
  const conflicts: TaxRateConflict[] = [];
  const byId = new Map<string, TaxRate>();
  for (let line = 0; line < rateLists.length; line++) {
    const rates = rateLists[line];
    if (rates === undefined) continue;
    for (let index = 0; index < rates.length; index++) {
      const rate = rates[index] as TaxRate;
      const problem = rateProblem(rates, index, byId.get(rate.id));
      if (problem !== undefined) conflicts.push({ line, rate: index, field: problem[0], message: problem[1] });
      else if (!byId.has(rate.id)) byId.set(rate.id, rate);
    }
  }
  return conflicts;
}

/** What is wrong with `rates[index]` on its line or against the first rate seen with its id, if anything. */
function rateProblem(
  rates: readonly TaxRate[],
  index: number,
  first: TaxRate | undefined,
): [TaxRateConflict['field'], string] | undefined {
  const rate = rates[index] as TaxRate;
  for (let i = 0; i < index; i++) {
    if ((rates[i] as TaxRate).id === rate.id) return ['id', `tax rate "${rate.id}" is listed twice on this line`];
  }
  if (rate.inclusive !== (rates[0] as TaxRate).inclusive) {
    return ['inclusive', 'a line cannot mix tax-inclusive and tax-exclusive rates'];
  }
  if (first === undefined || first === rate) return undefined;
  if (first.percentage !== rate.percentage && compareFixed(ratePercentage(first), ratePercentage(rate)) !== 0) {
    return ['percentage', `tax rate "${rate.id}" has percentage ${first.percentage} on an earlier line`];
  }
  if (first.inclusive !== rate.inclusive) {
    return ['inclusive', `tax rate "${rate.id}" has inclusive: ${first.inclusive} on an earlier line`];
  }
  if ((first.compound ?? false) !== (rate.compound ?? false)) {
    return ['compound', `tax rate "${rate.id}" has compound: ${first.compound ?? false} on an earlier line`];
  }
  return undefined;
}

const percentCache = new Map<string, Fixed>();

/** @internal The rate's percentage as an exact fixed-point value (cached by its text). */
export function ratePercentage(rate: TaxRate): Fixed {
  let value = percentCache.get(rate.percentage);
  if (value === undefined) {
    value = parseFixed(rate.percentage);
    if (percentCache.size > 1000) percentCache.clear();
    percentCache.set(rate.percentage, value);
  }
  return value;
}

/** @internal The rate as a fraction (`"19"` → 19 / 100, `"9.975"` → 9975 / 100000): `{ scale + 2 }` decimals. */
export function rateFraction(rate: TaxRate): Fixed {
  const { units, scale } = ratePercentage(rate);
  return { units, scale: scale + 2 };
}
