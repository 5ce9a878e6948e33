import type { z } from 'zod';
import {
  type CatalogPrice,
  type CatalogPriceInput,
  CatalogPriceInputSchema,
  type Coupon,
  type CouponInput,
  CouponInputSchema,
  type Meter,
  type MeterInput,
  MeterInputSchema,
  type Product,
  type ProductInput,
  ProductInputSchema,
} from '../../domain/catalog';
import { IdSchema, type Page, type PageRequest, PageRequestSchema } from '../../domain/common';
import { BillingError, BillingErrorCode } from '../../errors/billing-error';
import { validate } from '../../errors/validate';
import { taxCategoryProblem } from '../../tax/tax-category';
import { type TaxRate, TaxRateSchema } from '../../tax/tax-rate';
import { displayText } from '../../domain/display-text';
import type { EngineContext } from '../context';
import { requireRecord } from '../require-record';
import { rootConflicts } from '../storage-errors';

/** What a host gives to create a tax rate; `id` is minted (`txr_…`) unless given. */
export const TaxRateInputSchema = TaxRateSchema.extend({
  id: IdSchema.optional(),
  name: displayText(200),
})
  .strict()
  .superRefine((rate, ctx) => {
    const problem = taxCategoryProblem(rate);
    if (problem !== undefined) ctx.addIssue({ code: 'custom', path: [problem[0]], message: problem[1] });
  });

/** Input to create a tax rate. */
export type TaxRateInput = z.input<typeof TaxRateInputSchema>;

/** The catalog: products (unique billing codes), their prices, meters, coupons and tax rates. Records never change. */
export interface CatalogService {
  readonly products: {
    /** @throws BillingError `conflict` when the billing code is taken. */
    create(input: ProductInput): Promise<Product>;
    get(productId: string): Promise<Product>;
    list(page?: PageRequest): Promise<Page<Product>>;
  };
  readonly prices: {
    /**
     * A metered `percentage` price is rated per transaction: each event's value of its meter's (summed) property.
     * @throws BillingError `not_found` for an unknown product or meter; `invalid_input` for a percentage price on a
     * meter that does not sum a property.
     */
    create(input: CatalogPriceInput): Promise<CatalogPrice>;
    get(priceId: string): Promise<CatalogPrice>;
    list(filter?: { readonly productId?: string } & PageRequest): Promise<Page<CatalogPrice>>;
  };
  readonly meters: {
    create(input: MeterInput): Promise<Meter>;
    get(meterId: string): Promise<Meter>;
    list(page?: PageRequest): Promise<Page<Meter>>;
  };
  readonly coupons: {
    create(input: CouponInput): Promise<Coupon>;
    get(couponId: string): Promise<Coupon>;
  };
  readonly taxRates: {
    create(input: TaxRateInput): Promise<TaxRate>;
    get(taxRateId: string): Promise<TaxRate>;
    list(page?: PageRequest): Promise<Page<TaxRate>>;
  };
}

const PriceFilterSchema = PageRequestSchema.extend({ productId: IdSchema.optional() }).strict();

/** A getter that validates the id and throws `not_found`. */
function getter<T>(
  ctx: EngineContext,
  repository: (ctx: EngineContext) => { get(id: string): Promise<T | undefined> },
  what: string,
  root: string,
) {
  return async (id: string): Promise<T> => {
    validate(IdSchema, id, root);
    return requireRecord(repository(ctx), id, what, [root]);
  };
}

/**
 * Refuses a metered `percentage` price whose meter does not sum a property: the price rates each event's property
 * value as one transaction (its fee, fixed fee and per-transaction bounds), so the events must carry amounts.
 */
function assertTransactionMeter(price: CatalogPrice, meter: Meter): void {
  if (price.spec.model !== 'percentage' || (meter.aggregation === 'sum' && meter.property !== undefined)) return;
  throw new BillingError(
    BillingErrorCode.invalidInput,
    `Invalid input.meterId: a percentage price rates each event's amount as one transaction; meter ${meter.id} must sum a property (it is ${meter.aggregation})`,
    { path: ['input', 'meterId'] },
  );
}

/** Creates the catalog service over an engine context. */
export function createCatalogService(ctx: EngineContext): CatalogService {
  const { storage } = ctx;
  return {
    products: {
      async create(input) {
        const parsed = validate(ProductInputSchema.strict(), input, 'input');
        const product: Product = { ...parsed, id: parsed.id ?? ctx.ids('prod') };
        await rootConflicts('input', () => storage.products.insert(product));
        return product;
      },
      get: getter(ctx, (c) => c.storage.products, 'product', 'productId'),
      list: (page) => storage.products.list(validate(PageRequestSchema, page ?? {}, 'page')),
    },
    prices: {
      async create(input) {
        const parsed = validate(CatalogPriceInputSchema.strict(), input, 'input');
        if (parsed.timing === 'in_arrears' && parsed.interval === 'one_time') {
          throw new BillingError(BillingErrorCode.invalidInput, 'A one-time price is billed once, in advance', {
            path: ['input', 'timing'],
          });
        }
        const price: CatalogPrice = { ...parsed, id: parsed.id ?? ctx.ids('price') };
        return storage.transaction(async (session) => {
          await requireRecord(session.products, price.productId, 'product', ['input', 'productId']);
          if (price.meterId !== undefined) {
            const meter = await requireRecord(session.meters, price.meterId, 'meter', ['input', 'meterId']);
            assertTransactionMeter(price, meter);
          }
          await rootConflicts('input', () => session.prices.insert(price));
          return price;
        });
      },
      get: getter(ctx, (c) => c.storage.prices, 'price', 'priceId'),
      list: (filter) => storage.prices.list(validate(PriceFilterSchema, filter ?? {}, 'filter')),
    },
    meters: {
      async create(input) {
        const parsed = validate(MeterInputSchema, input, 'input');
        const meter: Meter = { ...parsed, id: parsed.id ?? ctx.ids('meter') };
        await rootConflicts('input', () => storage.meters.insert(meter));
        return meter;
      },
      get: getter(ctx, (c) => c.storage.meters, 'meter', 'meterId'),
      list: (page) => storage.meters.list(validate(PageRequestSchema, page ?? {}, 'page')),
    },
    coupons: {
      async create(input) {
        const parsed = validate(CouponInputSchema, input, 'input');
        const coupon: Coupon = { ...parsed, id: parsed.id ?? ctx.ids('coupon') };
        await rootConflicts('input', () => storage.coupons.insert(coupon));
        return coupon;
      },
      get: getter(ctx, (c) => c.storage.coupons, 'coupon', 'couponId'),
    },
    taxRates: {
      async create(input) {
        const parsed = validate(TaxRateInputSchema, input, 'input');
        const taxRate: TaxRate = { ...parsed, id: parsed.id ?? ctx.ids('txr') };
        await rootConflicts('input', () => storage.taxRates.insert(taxRate));
        return taxRate;
      },
      get: getter(ctx, (c) => c.storage.taxRates, 'tax rate', 'taxRateId'),
      list: (page) => storage.taxRates.list(validate(PageRequestSchema, page ?? {}, 'page')),
    },
  };
}
