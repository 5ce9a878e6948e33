import type { CouponScope } from '../../domain/catalog';
import type { Metadata } from '../../domain/common';
import type { Customer } from '../../domain/customer';
import type { Invoice, InvoiceLine, InvoiceLineTier } from '../../domain/invoice';
import type { RatedTier } from '../../pricing/rated-price';
import { compareFixed, parseFixed } from '../../money/fixed';
import { money } from '../../money/money';
import type { Price } from '../../pricing/price-schema';
import type { TaxRate } from '../../tax/tax-rate';
import { taxStatusNotes } from '../../tax/tax-status';
import type { EngineContext } from '../context';
import { draftTotals } from './draft-totals';

/** One line to put on a draft: either a pricing spec and a quantity (rated), or a ready `amount`. */
export interface DraftLine {
  readonly kind: InvoiceLine['kind'];
  readonly description: string;
  readonly billingCode?: string;
  /** The catalog price the line comes from, for reports. */
  readonly priceId?: string;
  /** The product of that price: what a coupon limited to products matches. */
  readonly productId?: string;
  /** The rates the line is taxed at (its product's tax code for the customer); default the draft's `taxRates`. */
  readonly taxRates?: readonly TaxRate[];
  /** The pricing spec to rate `quantity` (default `"1"`) against; give either `price` or `amount`. */
  readonly price?: Price;
  readonly quantity?: string;
  /** A ready amount; negative for credits (proration of unused time). */
  readonly amount?: string;
  /** The unit price to print when the line has one. */
  readonly unitAmount?: string;
  readonly periodStart?: string;
  readonly periodEnd?: string;
  /** Whether invoice discounts apply to the line (default true; negative lines never get discounts). */
  readonly discountable?: boolean;
}

/**
 * An invoice discount: exactly one of `percentOff` (0–100) or `amountOff` (in the invoice currency), on every
 * discountable line, or only on those of the products and prices of `appliesTo`.
 */
export interface DraftDiscount {
  readonly percentOff?: string;
  readonly amountOff?: string;
  readonly appliesTo?: CouponScope;
}

/** What a draft invoice is built from. Everything is already resolved: the build reads no storage. */
export interface DraftInvoiceInput {
  readonly customer: Customer;
  /** The customer's tax rates, resolved from `customer.taxRateIds`; they apply to every line without its own. */
  readonly taxRates: readonly TaxRate[];
  readonly billingReason: Invoice['billingReason'];
  readonly subscriptionId?: string;
  readonly currency: string;
  readonly periodStart?: string;
  readonly periodEnd?: string;
  readonly lines: readonly DraftLine[];
  /** Applied in order, each to what the earlier ones left, on every discountable (non-negative) line. */
  readonly discounts?: readonly DraftDiscount[];
  /** The customer's credit balance in `currency` (a non-negative decimal string); as much as the total allows is applied. */
  readonly creditBalance: string;
  readonly metadata?: Metadata;
}

/**
 * Builds a draft invoice: rated lines, discounts, tax (per the customer's tax status and the engine's tax
 * rounding), cash rounding for the currency and credit applied from the balance (see {@link draftTotals}).
 * Pure: reads no storage and writes nothing, so a billing run can build thousands in memory and finalize them
 * in one batch. The draft has status `draft`, no number, `version` 1 and `amountRemaining = amountDue`.
 * @throws BillingError `invalid_input` / `currency_mismatch` with a path under `input` (`["input", "lines", 2, "quantity"]`).
 * @example
 * ```ts
 * const draft = buildDraftInvoice(ctx, {
 *   customer, taxRates: [vat19], billingReason: 'manual', currency: 'EUR', creditBalance: '0',
 *   lines: [{ kind: 'one_off', description: 'Installation', amount: '100.00' }],
 * });
 * draft.total; // "119.00"
 * ```
 */
export function buildDraftInvoice(ctx: EngineContext, input: DraftInvoiceInput): Invoice {
  const now = ctx.clock.now();
  const { customer, currency } = input;
  const totals = draftTotals(ctx, input);
  const lines: InvoiceLine[] = input.lines.map((line, index) => {
    const computed = totals.lines[index] as (typeof totals.lines)[number];
    return present({
      id: ctx.ids('il'),
      kind: line.kind,
      description: line.description,
      billingCode: line.billingCode,
      priceId: line.priceId,
      ...printedUnits(line, computed.quantity ?? line.quantity, computed.amount),
      periodStart: line.periodStart,
      periodEnd: line.periodEnd,
      tiers: line.price?.model === 'graduated' ? tierBreakdown(computed.tiers) : undefined,
      amount: computed.amount,
      discountAmount: computed.discountAmount,
      taxableAmount: computed.taxableAmount,
      taxes: computed.taxes.map((tax) => ({ rateId: tax.rateId, amount: tax.amount })),
    });
  });
  const zero = money('0', currency).toString();
  return present({
    id: ctx.ids('inv'),
    sequence: ctx.config.invoiceSequence(now),
    customerId: customer.id,
    subscriptionId: input.subscriptionId,
    billingReason: input.billingReason,
    status: 'draft' as const,
    currency,
    periodStart: input.periodStart,
    periodEnd: input.periodEnd,
    lines,
    taxRates: ratesReferred(input).map((rate) => ({ ...rate })),
    subtotal: totals.subtotal,
    discountTotal: totals.discountTotal,
    taxes: totals.taxes.map((tax) => ({ rateId: tax.rateId, taxableAmount: tax.taxableAmount, amount: tax.amount })),
    taxTotal: totals.taxTotal,
    roundingAmount: totals.roundingAmount,
    total: totals.total,
    creditApplied: totals.creditApplied,
    amountDue: totals.amountDue,
    amountPaid: zero,
    amountCredited: zero,
    amountRemaining: totals.amountDue,
    notes: taxStatusNotes(customer.taxStatus),
    createdAt: now.toISOString(),
    remindersSent: 0,
    overdue: false,
    metadata: { ...(input.metadata ?? {}) },
    version: 1,
  });
}

/** The customer's rates, then those of lines with their own, each once by id, in order of first appearance. */
function ratesReferred(input: DraftInvoiceInput): TaxRate[] {
  const byId = new Map<string, TaxRate>();
  for (const rate of input.taxRates) byId.set(rate.id, rate);
  for (const line of input.lines)
    for (const rate of line.taxRates ?? []) if (!byId.has(rate.id)) byId.set(rate.id, rate);
  return [...byId.values()];
}

/** A graduated line's tiers as stored: open tiers without `upTo`, zero flat amounts left out. */
function tierBreakdown(tiers: readonly RatedTier[] | undefined): InvoiceLineTier[] | undefined {
  if (tiers === undefined || tiers.length === 0) return undefined;
  return tiers.map((tier) => ({
    from: tier.from,
    ...(tier.upTo === null ? {} : { upTo: tier.upTo }),
    quantity: tier.quantity,
    unitAmount: tier.unitAmount,
    ...(parseFixed(tier.flatAmount).units === 0n ? {} : { flatAmount: tier.flatAmount }),
    amount: tier.amount,
  }));
}

/**
 * The quantity and unit price a line prints: a given `unitAmount` as is; for a catalog price, a `flat` price is
 * one unit of the line amount, `per_unit` (and `package` of size 1) the quantity at the price's unit amount.
 */
function printedUnits(
  line: DraftLine,
  quantity: string | undefined,
  amount: string,
): { quantity: string | undefined; unitAmount: string | undefined } {
  const spec = line.price;
  if (line.unitAmount !== undefined || spec === undefined) return { quantity, unitAmount: line.unitAmount };
  if (spec.model === 'flat') return { quantity: '1', unitAmount: amount };
  if (spec.model === 'per_unit') return { quantity, unitAmount: spec.unitAmount };
  if (spec.model === 'package' && compareFixed(parseFixed(spec.packageSize), { units: 1n, scale: 0 }) === 0) {
    return { quantity, unitAmount: spec.packageAmount };
  }
  return { quantity, unitAmount: undefined };
}

/** A copy without the keys whose value is `undefined`: stored records keep optional fields absent. */
function present<T extends object>(record: T): T {
  const copy: Record<string, unknown> = {};
  for (const key in record) {
    const value = record[key];
    if (value !== undefined) copy[key] = value;
  }
  return copy as T;
}
