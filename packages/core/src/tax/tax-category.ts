import { z } from 'zod';
import type { TaxStatus } from './tax-status';

/**
 * The kind of tax a rate is:
 * - `vat` (default): a value-added tax (VAT, GST, consumption tax), charged at each step and deducted by
 *   businesses; what EN 16931 e-invoices describe;
 * - `sales_tax`: a retail sales tax (US state, county and city taxes), which EN 16931 cannot carry.
 */
export const TaxTypeSchema = z.enum(['vat', 'sales_tax']);

/** The kind of tax a rate is; see {@link TaxTypeSchema}. */
export type TaxType = z.infer<typeof TaxTypeSchema>;

/**
 * EN 16931 VAT category codes (UNCL 5305, BT-151/BT-118): `S` standard rate, `Z` zero rated, `E` exempt,
 * `AE` reverse charge, `K` intra-community supply, `G` export outside the EU, `O` not subject to VAT,
 * `L` Canary Islands tax (IGIC), `M` Ceuta and Melilla tax (IPSI).
 */
export const TaxCategoryCodeSchema = z.enum(['S', 'Z', 'E', 'AE', 'K', 'G', 'O', 'L', 'M']);

/** An EN 16931 VAT category code; see {@link TaxCategoryCodeSchema}. */
export type TaxCategoryCode = z.infer<typeof TaxCategoryCodeSchema>;

/**
 * Why a supply carries no VAT (EN 16931 BT-120/121): a code from the VATEX list (`VATEX-EU-132-1I`,
 * `VATEX-EU-IC`) and/or the reason in words. At least one of the two.
 */
export const TaxExemptionSchema = z
  .object({
    code: z
      .string()
      .regex(/^VATEX-[A-Z0-9-]{2,40}$/, 'a VATEX code such as "VATEX-EU-132-1I"')
      .optional(),
    reason: z
      .string()
      .max(500)
      .refine((text) => /[\p{L}\p{N}]/u.test(text), 'must contain a letter or digit')
      .optional(),
  })
  .refine((exemption) => exemption.code !== undefined || exemption.reason !== undefined, {
    message: 'give a VATEX code, a reason or both',
    path: ['code'],
  });

/** Why a supply carries no VAT; see {@link TaxExemptionSchema}. */
export type TaxExemption = z.infer<typeof TaxExemptionSchema>;

/** Categories that carry no VAT and must say why (BR-E-10, BR-AE-10, BR-IC-10, BR-G-10, BR-O-10). */
const NEEDS_EXEMPTION: ReadonlySet<TaxCategoryCode> = new Set(['E', 'AE', 'K', 'G', 'O']);
/** Categories charged at a rate above zero (BR-S-05, BR-AF-05, BR-AG-05). */
const CHARGED: ReadonlySet<TaxCategoryCode> = new Set(['S', 'L', 'M']);

/** The reason each no-VAT category states when its rate names none. */
const DEFAULT_EXEMPTION: Readonly<Partial<Record<TaxCategoryCode, TaxExemption>>> = {
  AE: { code: 'VATEX-EU-AE', reason: 'Reverse charge' },
  K: { code: 'VATEX-EU-IC', reason: 'Intra-community supply' },
  G: { code: 'VATEX-EU-G', reason: 'Export outside the EU' },
  O: { code: 'VATEX-EU-O', reason: 'Not subject to VAT' },
  E: { reason: 'Exempt from VAT' },
};

/** What a rate says about its category; a subset of a tax rate. */
export interface CategorizedRate {
  readonly percentage: string;
  readonly taxType?: TaxType;
  readonly category?: TaxCategoryCode;
  readonly exemption?: TaxExemption;
}

const isZero = (percentage: string) => /^0*(\.0*)?$/.test(percentage);

/**
 * What is wrong with a rate's category, exemption and percentage together, as `[field, message]`, or
 * `undefined`: `S`, `L` and `M` need a percentage above zero, the other categories zero; only `E`, `AE`, `K`,
 * `G` and `O` carry an exemption (EN 16931 forbids one elsewhere); a sales tax has no VAT category.
 */
export function taxCategoryProblem(rate: CategorizedRate): [keyof CategorizedRate, string] | undefined {
  if (rate.taxType === 'sales_tax') {
    if (rate.category !== undefined) return ['category', 'a sales tax has no VAT category'];
    if (rate.exemption !== undefined) return ['exemption', 'a sales tax has no VAT exemption'];
    return undefined;
  }
  const category = rate.category;
  if (category === undefined) {
    return rate.exemption === undefined ? undefined : ['exemption', 'an exemption needs category E, AE, K, G or O'];
  }
  if (CHARGED.has(category) === isZero(rate.percentage)) {
    return [
      'percentage',
      CHARGED.has(category)
        ? `category ${category} needs a percentage above 0`
        : `category ${category} is charged at 0`,
    ];
  }
  if (rate.exemption !== undefined && !NEEDS_EXEMPTION.has(category)) {
    return ['exemption', `category ${category} carries no exemption reason (only E, AE, K, G and O do)`];
  }
  return undefined;
}

/** The VAT category of one line, its combined rate and, for categories without VAT, why. */
export interface LineTaxCategory {
  readonly category: TaxCategoryCode;
  /** The line's VAT rate: the sum of its rates for `S`, `L` and `M`; `"0"` otherwise. */
  readonly percent: string;
  /** Set for `E`, `AE`, `K`, `G` and `O`. */
  readonly exemption?: TaxExemption;
}

/** Why {@link lineTaxCategory} cannot name one VAT category for a line. */
export type LineTaxCategoryProblem =
  | { readonly problem: 'sales_tax' }
  | { readonly problem: 'mixed_categories'; readonly categories: readonly TaxCategoryCode[] };

/** Exact sum of non-negative decimal strings (`"5" + "9.975"` → `"14.975"`). */
function addPercentages(values: readonly string[]): string {
  let scale = 0;
  for (const value of values) scale = Math.max(scale, (value.split('.')[1] ?? '').length);
  let units = 0n;
  for (const value of values) {
    const [whole = '0', fraction = ''] = value.split('.');
    units += BigInt(whole + fraction.padEnd(scale, '0'));
  }
  if (scale === 0) return units.toString();
  const digits = units.toString().padStart(scale + 1, '0');
  const text = `${digits.slice(0, -scale)}.${digits.slice(-scale)}`.replace(/0+$/, '');
  return text.endsWith('.') ? text.slice(0, -1) : text;
}

/**
 * The EN 16931 VAT category of a line from the customer's tax status and the line's rates:
 * - `reverse_charge` → `AE`, `exempt` → `E` (with the exemption of a rate of that category, else a default);
 * - otherwise the rates' own `category`, where a rate without one is `Z` at 0 % and `S` above;
 *   a line without rates is `Z`.
 * Rates of different categories on one line, or a sales tax, have no single VAT category: the problem is
 * returned instead.
 * @example
 * ```ts
 * lineTaxCategory('taxable', [{ percentage: '19' }]);                    // { category: 'S', percent: '19' }
 * lineTaxCategory('reverse_charge', [{ percentage: '19' }]).exemption;   // { code: 'VATEX-EU-AE', reason: 'Reverse charge' }
 * ```
 */
export function lineTaxCategory(
  taxStatus: TaxStatus,
  rates: readonly CategorizedRate[],
): LineTaxCategory | LineTaxCategoryProblem {
  if (rates.some((rate) => rate.taxType === 'sales_tax')) return { problem: 'sales_tax' };
  const statusCategory = taxStatus === 'reverse_charge' ? 'AE' : taxStatus === 'exempt' ? 'E' : undefined;
  const categoryOf = (rate: CategorizedRate): TaxCategoryCode => rate.category ?? (isZero(rate.percentage) ? 'Z' : 'S');
  if (statusCategory !== undefined) {
    const own = rates.find((rate) => rate.category === statusCategory && rate.exemption !== undefined);
    return { category: statusCategory, percent: '0', exemption: own?.exemption ?? DEFAULT_EXEMPTION[statusCategory] };
  }
  const categories = [...new Set(rates.map(categoryOf))];
  if (categories.length > 1) return { problem: 'mixed_categories', categories };
  const category = categories[0] ?? 'Z';
  if (CHARGED.has(category)) return { category, percent: addPercentages(rates.map((rate) => rate.percentage)) };
  if (!NEEDS_EXEMPTION.has(category)) return { category, percent: '0' };
  const exemption = rates.find((rate) => rate.exemption !== undefined)?.exemption ?? DEFAULT_EXEMPTION[category];
  return { category, percent: '0', ...(exemption ? { exemption } : {}) };
}
