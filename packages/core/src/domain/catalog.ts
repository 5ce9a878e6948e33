import { z } from 'zod';
import { currencyMinorUnits, isKnownCurrency } from '../money/currency';
import { compareFixed, DECIMAL_PATTERN, parseFixed, pow10 } from '../money/fixed';
import { CurrencySchema, BoundedNonNegativeDecimalSchema } from '../money/schemas';
import { BillingIntervalSchema } from '../periods/billing-periods';
import { type Price, PriceSchema } from '../pricing/price-schema';
import { TaxCodeSchema } from '../tax/tax-code';
import { IdSchema, MetadataSchema } from './common';
import { displayText } from './display-text';

/** A billing code: what a line is sold as, for accounting and reports (`INT-100M`, `SUP-PREM`). */
export const BillingCodeSchema = z
  .string()
  .regex(/^[A-Z0-9][A-Z0-9_.-]{0,39}$/, 'upper-case letters, digits, "_", "." or "-" (e.g. "INT-100M")');

/** What a host gives to create a product. */
export const ProductInputSchema = z.strictObject({
  id: IdSchema.optional(),
  name: displayText(500),
  billingCode: BillingCodeSchema,
  category: z.string().min(1).max(100),
  description: z.string().max(2000).optional(),
  /**
   * What the product is for tax (`"reduced"`): its lines are taxed at the catalog rates of this code for the
   * customer's location instead of the customer's own rates. Absent: the customer's rates.
   */
  taxCode: TaxCodeSchema.optional(),
  /** `false` once archived: no new subscription, change or invoice line may use it; existing subscriptions go on. */
  active: z.boolean().default(true),
  metadata: MetadataSchema.default({}),
});

/** Input to create a product. */
export type ProductInput = z.input<typeof ProductInputSchema>;

/** A product of the catalog, identified for accounting by its unique billing code. */
export const ProductSchema = ProductInputSchema.extend({ id: IdSchema });

/** A product as stored. */
export type Product = z.infer<typeof ProductSchema>;

/** What a host gives to create a catalog price. */
export const CatalogPriceInputSchema = z.strictObject({
  id: IdSchema.optional(),
  productId: IdSchema,
  /** The pricing spec: model, currency, amounts, tiers. */
  spec: PriceSchema,
  /** `one_time` prices are for setup fees and one-off lines; the others recur. */
  interval: z.union([BillingIntervalSchema, z.literal('one_time')]),
  intervalCount: z.number().int().min(1).max(36).default(1),
  /** `in_advance`: licensed, billed at the start of each period for its quantity; `in_arrears`: metered, billed after the period for its usage. */
  timing: z.enum(['in_advance', 'in_arrears']).default('in_advance'),
  /** The meter whose aggregated usage is the quantity of an `in_arrears` metered price. */
  meterId: IdSchema.optional(),
  /**
   * The same price in other currencies: one spec per currency, of the same model as `spec`. A subscription, a
   * one-off line or a pending item in one of these currencies is charged by that spec (see {@link priceSpecIn}).
   */
  currencyOptions: z.array(PriceSchema).min(1).max(30).optional(),
  /** `false` once archived: no new subscription, change or invoice line may use it; existing subscriptions go on. */
  active: z.boolean().default(true),
  metadata: MetadataSchema.default({}),
});

/** Input to create a catalog price. */
export type CatalogPriceInput = z.input<typeof CatalogPriceInputSchema>;

/** A price of a product: a pricing spec plus how and when it bills. */
export const CatalogPriceSchema = CatalogPriceInputSchema.extend({ id: IdSchema });

/** A catalog price as stored. */
export type CatalogPrice = z.infer<typeof CatalogPriceSchema>;

/**
 * What is wrong with a price's currency options, as `[path, message]` pairs: each option has the model of `spec`
 * and a currency of its own (not `spec`'s, not another option's).
 */
export function currencyOptionProblems(
  spec: Price,
  options: readonly Price[] | undefined,
): [(string | number)[], string][] {
  const problems: [(string | number)[], string][] = [];
  const seen = new Set([spec.currency]);
  (options ?? []).forEach((option, i) => {
    if (option.model !== spec.model) {
      problems.push([[i, 'model'], `must be "${spec.model}", the model of spec`]);
    }
    if (seen.has(option.currency)) problems.push([[i, 'currency'], `${option.currency} is priced twice`]);
    seen.add(option.currency);
  });
  return problems;
}

/**
 * The spec of a price in `currency`: `spec` itself, or the currency option in that currency; `undefined` when the
 * price has none in it.
 * @example
 * ```ts
 * priceSpecIn({ ...price, spec: eur, currencyOptions: [chf] }, 'CHF'); // chf
 * ```
 */
export function priceSpecIn(
  price: Pick<CatalogPrice, 'spec' | 'currencyOptions'>,
  currency: string,
): Price | undefined {
  if (price.spec.currency === currency) return price.spec;
  return price.currencyOptions?.find((option) => option.currency === currency);
}

/** The currencies a price is offered in: its spec's, then its options' in order. */
export function priceCurrencies(price: Pick<CatalogPrice, 'spec' | 'currencyOptions'>): string[] {
  return [price.spec.currency, ...(price.currencyOptions ?? []).map((option) => option.currency)];
}

/** How a meter reduces a period's usage events to one quantity. */
export const AggregationSchema = z.enum(['sum', 'count', 'max', 'unique_count', 'last']);

/** How a meter reduces usage events to one quantity. */
export type Aggregation = z.infer<typeof AggregationSchema>;

/** What a host gives to create a meter. */
export const MeterInputSchema = z
  .object({
    id: IdSchema.optional(),
    name: z.string().min(1).max(200),
    /** Usage events with this name count toward the meter. */
    eventName: z.string().min(1).max(100),
    aggregation: AggregationSchema,
    /** The event property aggregated (a decimal string for sum/max/last; any value for unique_count). Not used by count. */
    property: z.string().min(1).max(100).optional(),
  })
  .refine((m) => m.aggregation === 'count' || m.property !== undefined, {
    message: 'property is required for every aggregation but count',
    path: ['property'],
  });

/** Input to create a meter. */
export type MeterInput = z.input<typeof MeterInputSchema>;

/** A meter: an event name and an aggregation over one of its properties. */
export type Meter = z.infer<typeof MeterInputSchema> & { readonly id: string };

const HUNDRED = { units: 100n, scale: 0 };

/**
 * The lines a coupon discounts: those of the products in `productIds` and those of the prices in `priceIds`. At
 * least one id in all.
 */
export const CouponScopeSchema = z
  .strictObject({
    productIds: z.array(IdSchema).min(1).max(100).optional(),
    priceIds: z.array(IdSchema).min(1).max(100).optional(),
  })
  .refine((scope) => scope.productIds !== undefined || scope.priceIds !== undefined, {
    message: 'name productIds, priceIds or both',
    path: ['productIds'],
  });

/** The lines a coupon discounts; see {@link CouponScopeSchema}. */
export type CouponScope = z.infer<typeof CouponScopeSchema>;

/** Whether a decimal string has no digits beyond `scale` decimals (trailing zeros allowed). */
function fitsScale(text: string, scale: number): boolean {
  const { units, scale: own } = parseFixed(text);
  return own <= scale || units % pow10(own - scale) === 0n;
}

/**
 * What a host gives to create a coupon: percent or amount off, once, for N periods, or forever. `percentOff` is a
 * canonical decimal from 0 to 100; `amountOff` a non-negative decimal in `currency` (an ISO 4217 code), no finer
 * than its minor unit: a coupon that could never be applied is refused where it is entered.
 */
export const CouponInputSchema = z
  .object({
    id: IdSchema.optional(),
    name: displayText(200),
    percentOff: BoundedNonNegativeDecimalSchema.refine(
      (s) => !DECIMAL_PATTERN.test(s) || compareFixed(parseFixed(s), HUNDRED) <= 0,
      'must be at most 100',
    ).optional(),
    amountOff: BoundedNonNegativeDecimalSchema.optional(),
    currency: CurrencySchema.optional(),
    /** Limits the coupon to lines of these products or prices (either list may be left out); absent: every line. */
    appliesTo: CouponScopeSchema.optional(),
    duration: z.enum(['once', 'repeating', 'forever']),
    /** For `repeating`: how many billing periods the coupon applies to. */
    durationPeriods: z.number().int().min(1).max(120).optional(),
  })
  .refine((c) => (c.percentOff === undefined) !== (c.amountOff === undefined), {
    message: 'exactly one of percentOff and amountOff',
    path: ['percentOff'],
  })
  .refine((c) => c.amountOff === undefined || c.currency !== undefined, {
    message: 'amountOff needs a currency',
    path: ['currency'],
  })
  .superRefine((c, ctx) => {
    const { amountOff, currency } = c;
    if (amountOff === undefined || currency === undefined) return;
    if (!DECIMAL_PATTERN.test(amountOff) || !isKnownCurrency(currency)) return;
    const scale = currencyMinorUnits(currency);
    if (!fitsScale(amountOff, scale)) {
      ctx.addIssue({
        code: 'custom',
        path: ['amountOff'],
        message: `${currency} has ${scale} decimals; ${amountOff} is finer than its minor unit`,
      });
    }
  })
  .refine((c) => (c.duration === 'repeating') === (c.durationPeriods !== undefined), {
    message: 'durationPeriods is required for (and only for) a repeating coupon',
    path: ['durationPeriods'],
  });

/** Input to create a coupon. */
export type CouponInput = z.input<typeof CouponInputSchema>;

/** A coupon as stored. */
export type Coupon = z.infer<typeof CouponInputSchema> & { readonly id: string };
