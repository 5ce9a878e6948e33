import { z } from 'zod';
import type { CatalogPrice } from '../../domain/catalog';
import { BillingCodeSchema } from '../../domain/catalog';
import { IdSchema, MetadataSchema } from '../../domain/common';
import type { Customer } from '../../domain/customer';
import { displayText } from '../../domain/display-text';
import type { Invoice } from '../../domain/invoice';
import { validate } from '../../errors/validate';
import { BoundedNonNegativeDecimalSchema, CurrencySchema } from '../../money/schemas';
import type { BillingNotification } from '../../notify/notifier';
import type { StorageSession } from '../../storage/storage-adapter';
import { TaxCodeSchema } from '../../tax/tax-code';
import type { TaxRate } from '../../tax/tax-rate';
import { assertMinorUnits, IdempotencyKeySchema } from '../amount-schemas';
import type { EngineContext } from '../context';
import { runIdempotent } from '../idempotency';
import { creditBalance } from '../ledger/credit-balance';
import { lockCustomerLedgers } from '../ledger/ledger-lock';
import { requireRecord } from '../require-record';
import { listAllById } from '../run-cycle/catalog';
import { priceIn, taxCodeRates } from '../run-cycle/catalog-lookup';
import { usableCouponDiscount } from '../run-cycle/coupon-discount';
import { assertOnSale } from '../subscriptions/resolve-items';
import { buildDraftInvoice, type DraftDiscount, type DraftLine } from './build-invoice';
import { finalizeInvoices } from './finalize-invoices';

/** One line of a one-off invoice: an explicit `amount` (the line total), or a catalog `priceId` rated at `quantity`. */
const OneOffLineSchema = z
  .strictObject({
    description: displayText(10_000),
    amount: BoundedNonNegativeDecimalSchema.optional(),
    priceId: IdSchema.optional(),
    quantity: BoundedNonNegativeDecimalSchema.optional(),
    billingCode: BillingCodeSchema.optional(),
    /** For an `amount` line: taxed at this tax code's rates for the customer (a price line takes its product's). */
    taxCode: TaxCodeSchema.optional(),
    discountable: z.boolean().optional(),
  })
  .superRefine((line, ctx) => {
    if (line.taxCode !== undefined && line.priceId !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['taxCode'],
        message: "goes with amount; a price is taxed by its product's tax code",
      });
    }
    if ((line.amount === undefined) === (line.priceId === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['amount'], message: 'give exactly one of amount and priceId' });
    }
    if (line.quantity !== undefined && line.priceId === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['quantity'],
        message: 'goes with priceId; an amount is already the line total',
      });
    }
  });

/** What `invoices.createOneOff` takes. */
export const OneOffInvoiceInputSchema = z.strictObject({
  customerId: IdSchema,
  /** Defaults to the customer's currency. */
  currency: CurrencySchema.optional(),
  lines: z.array(OneOffLineSchema).min(1).max(500),
  /** A coupon applied once to the discountable lines. */
  couponId: IdSchema.optional(),
  /** Finalize in the same transaction (number, snapshot, due date) instead of leaving a draft. */
  autoFinalize: z.boolean().default(false),
  metadata: MetadataSchema.default({}),
  idempotencyKey: IdempotencyKeySchema.optional(),
});

/** Input of `invoices.createOneOff`; see {@link OneOffInvoiceInputSchema}. */
export type OneOffInvoiceInput = z.input<typeof OneOffInvoiceInputSchema>;

type ParsedInput = z.output<typeof OneOffInvoiceInputSchema>;

/**
 * Creates a one-off (manual) invoice for a customer, as a draft (or finalized with `autoFinalize`): each line is
 * taxed at its tax code's rates for the customer (a price line: its product's code) or else at the customer's own
 * rates; the coupon applies once (to the lines of its products or prices when it is limited to them), and credit
 * from the customer's balance. A price must be on sale and have an amount in the invoice's currency.
 * Moves money, so it takes an `idempotencyKey`.
 * @throws BillingError `not_found` (customer, price, coupon, tax rate, or no rate of a line's tax code for the
 * customer), `currency_mismatch` (a price without an amount in the currency, an amount-off coupon in another),
 * `invalid_input` (an archived price).
 */
export async function createOneOffInvoice(ctx: EngineContext, input: OneOffInvoiceInput): Promise<Invoice> {
  const { idempotencyKey, ...request } = validate(OneOffInvoiceInputSchema, input, 'input');
  const key = idempotencyKey === undefined ? undefined : `invoices.createOneOff:${idempotencyKey}`;
  return runIdempotent(ctx, key, request, async (session, outbox) => {
    await lockCustomerLedgers(session, [request.customerId]);
    const customer = await requireRecord(session.customers, request.customerId, 'customer', ['input', 'customerId']);
    const currency = request.currency ?? customer.currency;
    const lines = await draftLines(session, request, currency, customer);
    const discounts = await couponDiscounts(session, request.couponId, currency);
    const taxRates: TaxRate[] = [];
    for (const [index, id] of customer.taxRateIds.entries()) {
      taxRates.push(await requireRecord(session.taxRates, id, 'tax rate', ['customer', 'taxRateIds', index]));
    }
    const draft = buildDraftInvoice(ctx, {
      customer,
      taxRates,
      billingReason: 'manual',
      currency,
      lines,
      discounts,
      creditBalance: await creditBalance(session, customer.id, currency),
      metadata: request.metadata,
    });
    if (!request.autoFinalize) {
      await session.invoices.insert(draft);
      return draft;
    }
    return insertFinalized(session, ctx, draft, customer, outbox);
  });
}

/** Finalizes a draft built in memory and stores it (no draft round trip). */
async function insertFinalized(
  session: StorageSession,
  ctx: EngineContext,
  draft: Invoice,
  customer: Customer,
  outbox: BillingNotification[],
): Promise<Invoice> {
  const { invoices, notifications } = await finalizeInvoices(session, ctx, [draft], new Map([[customer.id, customer]]));
  await session.invoices.insertMany(invoices);
  outbox.push(...notifications);
  return invoices[0] as Invoice;
}

/**
 * The draft lines, with catalog prices resolved (in `currency`, on sale), amounts checked against the currency,
 * and each line's tax code resolved to its rates for the customer.
 */
async function draftLines(
  session: StorageSession,
  request: ParsedInput,
  currency: string,
  customer: Customer,
): Promise<DraftLine[]> {
  const lines: DraftLine[] = [];
  let allRates: TaxRate[] | undefined;
  const ratesOf = async (taxCode: string | undefined, path: readonly (string | number)[]) => {
    if (taxCode === undefined) return {};
    allRates ??= [...(await listAllById((page) => session.taxRates.list(page))).values()];
    return { taxRates: taxCodeRates(allRates, customer, taxCode, path) };
  };
  for (const [index, line] of request.lines.entries()) {
    const path = ['input', 'lines', index];
    if (line.amount !== undefined) {
      assertMinorUnits(line.amount, currency, [...path, 'amount']);
      lines.push({
        kind: 'one_off',
        description: line.description,
        amount: line.amount,
        ...optional(line),
        ...(await ratesOf(line.taxCode, [...path, 'taxCode'])),
      });
      continue;
    }
    const pricePath = [...path, 'priceId'];
    const stored: CatalogPrice = await requireRecord(session.prices, line.priceId as string, 'price', pricePath);
    await assertOnSale(session, stored, pricePath);
    const price = priceIn(stored, currency, `the invoice in ${currency}`, pricePath);
    const product = await requireRecord(session.products, price.productId, 'product', pricePath);
    const billingCode = line.billingCode ?? product.billingCode;
    lines.push({
      kind: 'one_off',
      description: line.description,
      priceId: price.id,
      productId: product.id,
      price: price.spec,
      quantity: line.quantity ?? '1',
      ...(price.spec.model === 'per_unit' ? { unitAmount: price.spec.unitAmount } : {}),
      ...optional({ ...line, billingCode }),
      ...(await ratesOf(product.taxCode, pricePath)),
    });
  }
  return lines;
}

function optional(line: { billingCode?: string | undefined; discountable?: boolean | undefined }) {
  return {
    ...(line.billingCode !== undefined ? { billingCode: line.billingCode } : {}),
    ...(line.discountable !== undefined ? { discountable: line.discountable } : {}),
  };
}

/** The coupon as a one-time invoice discount. */
async function couponDiscounts(
  session: StorageSession,
  couponId: string | undefined,
  currency: string,
): Promise<DraftDiscount[]> {
  if (couponId === undefined) return [];
  const coupon = await requireRecord(session.coupons, couponId, 'coupon', ['input', 'couponId']);
  return [usableCouponDiscount(coupon, currency, ['input', 'couponId'])];
}
