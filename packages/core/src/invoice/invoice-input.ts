import { z } from 'zod';
import { currencyMinorUnits, isKnownCurrency } from '../money/currency';
import { compareFixed, DECIMAL_PATTERN, type Fixed, parseFixed, pow10 } from '../money/fixed';
import { RoundingModeSchema } from '../money/rounding-mode';
import { CurrencySchema, DecimalStringSchema, NonNegativeDecimalSchema } from '../money/schemas';
import { PriceSchema } from '../pricing/price-schema';
import { CashRoundingIncrementSchema } from '../tax/cash-rounding';
import { TaxRoundingSchema } from '../tax/invoice-tax';
import { findTaxRateConflicts, TaxRateSchema } from '../tax/tax-rate';
import { TaxStatusSchema } from '../tax/tax-status';

const IsoDateSchema = z.union([z.iso.datetime({ offset: true }), z.iso.date()]);

/** The service period of a line: ISO 8601 dates or date-times, `end` not before `start`. */
export const InvoicePeriodSchema = z
  .strictObject({ start: IsoDateSchema, end: IsoDateSchema })
  .refine((p) => Date.parse(p.end) >= Date.parse(p.start), { path: ['end'], message: 'must not be before start' });

/**
 * One invoice line: either a `price` rated at `quantity`, or an explicit `amount` (the line total, rounded to
 * the currency's minor units with the invoice's rounding mode; negative for a credit such as unused time on a
 * plan change, which discounts never touch and whose taxes are negative). `taxRates` are all inclusive or all
 * exclusive; `discountable: false` keeps discounts off the line. {@link InvoiceInputSchema} checks that a line has
 * `price` and `quantity` or `amount` (a check per line would cost more than the rest of the line's validation).
 */
export const InvoiceLineInputSchema = z.strictObject({
  id: z.string().min(1).optional(),
  description: z.string(),
  price: PriceSchema.optional(),
  quantity: NonNegativeDecimalSchema.optional(),
  amount: DecimalStringSchema.optional(),
  billingCode: z.string().optional(),
  period: InvoicePeriodSchema.optional(),
  taxRates: z.array(TaxRateSchema).optional(),
  discountable: z.boolean().default(true),
});

const HUNDRED: Fixed = { units: 100n, scale: 0 };

/**
 * A discount: exactly one of `percentOff` (0–100) or `amountOff` (in the invoice currency), on every
 * discountable line or only on the lines whose ids `appliesTo` lists.
 */
export const DiscountInputSchema = z
  .strictObject({
    id: z.string().min(1).optional(),
    percentOff: NonNegativeDecimalSchema.refine(
      (s) => !DECIMAL_PATTERN.test(s) || compareFixed(parseFixed(s), HUNDRED) <= 0,
      'must be at most 100',
    ).optional(),
    amountOff: NonNegativeDecimalSchema.optional(),
    appliesTo: z.array(z.string().min(1)).min(1).optional(),
  })
  .superRefine((discount, ctx) => {
    if ((discount.percentOff === undefined) === (discount.amountOff === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['percentOff'], message: 'give exactly one of percentOff and amountOff' });
    }
  });

/** What is wrong with the shape of a line (price with quantity, or amount), if anything: the field and message. */
function lineShapeProblem(line: z.output<typeof InvoiceLineInputSchema>): [string, string] | undefined {
  if (line.price !== undefined) {
    if (line.amount !== undefined) return ['amount', 'give either price and quantity or an amount, not both'];
    if (line.quantity === undefined) return ['quantity', 'required with price'];
  } else {
    if (line.amount === undefined) return ['amount', 'required unless the line has price and quantity'];
    if (line.quantity !== undefined)
      return ['quantity', 'goes with price; an explicit amount is already the line total'];
  }
  return undefined;
}

/** Whether a decimal string has no digits beyond `scale` decimals (trailing zeros allowed). */
function fitsScale(text: string, scale: number): boolean {
  const { units, scale: own } = parseFixed(text);
  return own <= scale || units % pow10(own - scale) === 0n;
}

/**
 * The input of `calculateInvoice`. Defaults: `discounts` none, `taxRounding` `"line"`, `taxStatus` `"taxable"`,
 * `creditBalance` `"0"`, `roundingMode` `"half-up"`, no `cashRounding`. Cross-field rules: line ids are unique,
 * `appliesTo` names existing lines, tax rates combine cleanly ({@link findTaxRateConflicts}) and `amountOff`,
 * `creditBalance` and `cashRounding` fit the currency's minor units.
 */
export const InvoiceInputSchema = z
  .strictObject({
    currency: CurrencySchema,
    lines: z.array(InvoiceLineInputSchema),
    discounts: z.array(DiscountInputSchema).default([]),
    taxRounding: TaxRoundingSchema.default('line'),
    taxStatus: TaxStatusSchema.default('taxable'),
    creditBalance: NonNegativeDecimalSchema.default('0'),
    cashRounding: CashRoundingIncrementSchema.optional(),
    roundingMode: RoundingModeSchema.default('half-up'),
  })
  .superRefine((invoice, ctx) => {
    for (const issue of invoiceShapeIssues(invoice)) ctx.addIssue({ code: 'custom', ...issue });
  })
  // Cross-field rules run only once every field is valid on its own, so they can parse what they read.
  .superRefine(
    (invoice, ctx) => {
      for (const issue of invoiceRuleIssues(invoice)) ctx.addIssue({ code: 'custom', ...issue });
    },
    { when: (payload) => payload.issues.length === 0 },
  );

/** A broken cross-field rule of an invoice input: the path of the field (below the input) and what is wrong. @internal */
export interface InvoiceInputIssue {
  readonly path: (string | number)[];
  readonly message: string;
}

/**
 * The lines that are neither a price with a quantity nor an amount (the first rule {@link InvoiceInputSchema} checks).
 * @internal
 */
export function invoiceShapeIssues(invoice: Pick<ValidInvoiceInput, 'lines'>): InvoiceInputIssue[] {
  const issues: InvoiceInputIssue[] = [];
  for (let l = 0; l < invoice.lines.length; l++) {
    const problem = lineShapeProblem(invoice.lines[l] as z.output<typeof InvoiceLineInputSchema>);
    if (problem !== undefined) issues.push({ path: ['lines', l, problem[0]], message: problem[1] });
  }
  return issues;
}

/**
 * The cross-field rules of {@link InvoiceInputSchema} an input whose every field is valid can still break: line
 * ids unique, `appliesTo` naming existing lines, tax rates combining cleanly, amounts fitting the currency's minor
 * units.
 * @internal
 */
export function invoiceRuleIssues(invoice: ValidInvoiceInput): InvoiceInputIssue[] {
  const issues: InvoiceInputIssue[] = [];
  const issue = (path: (string | number)[], message: string) => issues.push({ path, message });
  const ids = new Set<string>();
  invoice.lines.forEach((line, l) => {
    if (line.id === undefined) return;
    if (ids.has(line.id)) issue(['lines', l, 'id'], `duplicate line id "${line.id}"`);
    ids.add(line.id);
  });
  invoice.discounts.forEach((discount, d) => {
    discount.appliesTo?.forEach((id, j) => {
      if (!ids.has(id)) issue(['discounts', d, 'appliesTo', j], `no line has id "${id}"`);
    });
  });
  for (const c of findTaxRateConflicts(invoice.lines.map((line) => line.taxRates))) {
    issue(['lines', c.line, 'taxRates', c.rate, c.field], c.message);
  }
  if (!isKnownCurrency(invoice.currency)) return issues;
  const scale = currencyMinorUnits(invoice.currency);
  const fits = (text: string | undefined, path: (string | number)[]) => {
    if (text !== undefined && !fitsScale(text, scale)) {
      issue(path, `${invoice.currency} has ${scale} decimals; ${text} is finer than its minor unit`);
    }
  };
  invoice.discounts.forEach((discount, d) => {
    fits(discount.amountOff, ['discounts', d, 'amountOff']);
  });
  fits(invoice.creditBalance, ['creditBalance']);
  fits(invoice.cashRounding, ['cashRounding']);
  return issues;
}

/** What `calculateInvoice` accepts (defaults optional); see {@link InvoiceInputSchema}. */
export type InvoiceInput = z.input<typeof InvoiceInputSchema>;
/** An invoice input after validation, defaults filled in. */
export type ValidInvoiceInput = z.output<typeof InvoiceInputSchema>;
/** One line of {@link InvoiceInput}; see {@link InvoiceLineInputSchema}. */
export type InvoiceLineInput = z.input<typeof InvoiceLineInputSchema>;
/** One discount of {@link InvoiceInput}; see {@link DiscountInputSchema}. */
export type DiscountInput = z.input<typeof DiscountInputSchema>;
/** A line's service period; see {@link InvoicePeriodSchema}. */
export type InvoicePeriod = z.infer<typeof InvoicePeriodSchema>;
