import type { z } from 'zod';
import {
  type CatalogPrice,
  type CatalogPriceInput,
  CatalogPriceInputSchema,
  currencyOptionProblems,
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
import type { StorageSession } from '../../storage/storage-adapter';
import { IdempotencyKeySchema } from '../amount-schemas';
import type { EngineContext } from '../context';
import { runIdempotent } from '../idempotency';
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
    if (rate.region !== undefined && rate.country === undefined) {
      ctx.addIssue({ code: 'custom', path: ['country'], message: 'a region is within a country: give the country' });
    }
    if (rate.country !== undefined && rate.taxCode === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['taxCode'],
        message: 'a country says where a rate of a tax code applies: give the tax code',
      });
    }
  });

/** Input to create a tax rate. */
export type TaxRateInput = z.input<typeof TaxRateInputSchema>;

/** What every catalog `create` takes besides the record: an optional `idempotencyKey`. */
export interface CatalogCreateOptions {
  /** With a key, a retried request returns the first result and creates nothing. */
  readonly idempotencyKey?: string;
}

/**
 * The catalog: products (unique billing codes), their prices, meters, coupons and tax rates. Records never change,
 * but products and prices can be archived (and restored): nothing new is sold on them, what runs goes on.
 * Every `create` takes an `idempotencyKey` beside the record's fields.
 */
export interface CatalogService {
  readonly products: {
    /** @throws BillingError `conflict` when the billing code is taken. */
    create(input: ProductInput & CatalogCreateOptions): Promise<Product>;
    get(productId: string): Promise<Product>;
    list(page?: PageRequest): Promise<Page<Product>>;
    /**
     * Archives a product: no new subscription, plan change, one-time item or invoice line may use its prices;
     * subscriptions on them go on being billed. @throws BillingError `not_found`.
     */
    archive(productId: string): Promise<Product>;
    /** Puts an archived product on sale again. @throws BillingError `not_found`. */
    unarchive(productId: string): Promise<Product>;
  };
  readonly prices: {
    /**
     * A metered `percentage` price is rated per transaction: each event's value of its meter's (summed) property.
     * @throws BillingError `not_found` for an unknown product or meter; `invalid_input` for a percentage price on a
     * meter that does not sum a property.
     */
    create(input: CatalogPriceInput & CatalogCreateOptions): Promise<CatalogPrice>;
    get(priceId: string): Promise<CatalogPrice>;
    list(filter?: { readonly productId?: string } & PageRequest): Promise<Page<CatalogPrice>>;
    /** Archives a price, as {@link CatalogService.products} `archive` does for all of a product's. */
    archive(priceId: string): Promise<CatalogPrice>;
    /** Puts an archived price on sale again. @throws BillingError `not_found`. */
    unarchive(priceId: string): Promise<CatalogPrice>;
  };
  readonly meters: {
    create(input: MeterInput & CatalogCreateOptions): Promise<Meter>;
    get(meterId: string): Promise<Meter>;
    list(page?: PageRequest): Promise<Page<Meter>>;
  };
  readonly coupons: {
    /** @throws BillingError `not_found` for a product or price of `appliesTo` that does not exist. */
    create(input: CouponInput & CatalogCreateOptions): Promise<Coupon>;
    get(couponId: string): Promise<Coupon>;
    list(page?: PageRequest): Promise<Page<Coupon>>;
  };
  readonly taxRates: {
    create(input: TaxRateInput & CatalogCreateOptions): Promise<TaxRate>;
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

/** The field every catalog create input adds to its record's fields. */
const key = { idempotencyKey: IdempotencyKeySchema.optional() };
const ProductCreateSchema = ProductInputSchema.extend(key).strict();
const PriceCreateSchema = CatalogPriceInputSchema.extend(key)
  .strict()
  .superRefine((price, ctx) => {
    for (const [path, message] of currencyOptionProblems(price.spec, price.currencyOptions)) {
      ctx.addIssue({ code: 'custom', path: ['currencyOptions', ...path], message });
    }
  });
const MeterCreateSchema = MeterInputSchema.extend(key).strict();
const CouponCreateSchema = CouponInputSchema.extend(key).strict();
const TaxRateCreateSchema = TaxRateInputSchema.extend(key).strict();

/**
 * Runs one catalog create: validates `input` (`idempotencyKey` split off), then `store` in one transaction, under
 * the key when one is given (scoped by operation: `catalog.prices.create:<key>`).
 */
async function created<R extends { readonly idempotencyKey?: string | undefined }, T>(
  ctx: EngineContext,
  operation: string,
  schema: z.ZodType<R>,
  input: unknown,
  store: (session: StorageSession, request: Omit<R, 'idempotencyKey'>) => Promise<T>,
): Promise<T> {
  const { idempotencyKey, ...request } = validate(schema, input, 'input');
  const scoped = idempotencyKey === undefined ? undefined : `catalog.${operation}:${idempotencyKey}`;
  return runIdempotent(ctx, scoped, request, (session) => store(session, request));
}

/**
 * Sets a product's or price's `active` flag in one transaction and returns the record as stored.
 * @throws BillingError `not_found` at `[root]`.
 */
async function setActive<T>(
  ctx: EngineContext,
  repository: (session: StorageSession) => {
    get(id: string): Promise<T | undefined>;
    setActive(id: string, active: boolean): Promise<void>;
  },
  what: string,
  root: string,
  id: string,
  active: boolean,
): Promise<T> {
  validate(IdSchema, id, root);
  return ctx.storage.transaction(async (session) => {
    await requireRecord(repository(session), id, what, [root]);
    await repository(session).setActive(id, active);
    return requireRecord(repository(session), id, what, [root]);
  });
}

/** Refuses a coupon limited to products or prices that do not exist. */
async function assertScopeExists(session: StorageSession, coupon: Coupon): Promise<void> {
  for (const [index, id] of (coupon.appliesTo?.productIds ?? []).entries()) {
    await requireRecord(session.products, id, 'product', ['input', 'appliesTo', 'productIds', index]);
  }
  for (const [index, id] of (coupon.appliesTo?.priceIds ?? []).entries()) {
    await requireRecord(session.prices, id, 'price', ['input', 'appliesTo', 'priceIds', index]);
  }
}

/** Creates the catalog service over an engine context. */
export function createCatalogService(ctx: EngineContext): CatalogService {
  const { storage } = ctx;
  return {
    products: {
      create: (input) =>
        created(ctx, 'products.create', ProductCreateSchema, input, async (session, parsed) => {
          const product: Product = { ...parsed, id: parsed.id ?? ctx.ids('prod') };
          await rootConflicts('input', () => session.products.insert(product));
          return product;
        }),
      get: getter(ctx, (c) => c.storage.products, 'product', 'productId'),
      list: (page) => storage.products.list(validate(PageRequestSchema, page ?? {}, 'page')),
      archive: (id) => setActive(ctx, (s) => s.products, 'product', 'productId', id, false),
      unarchive: (id) => setActive(ctx, (s) => s.products, 'product', 'productId', id, true),
    },
    prices: {
      create: (input) =>
        created(ctx, 'prices.create', PriceCreateSchema, input, async (session, parsed) => {
          if (parsed.timing === 'in_arrears' && parsed.interval === 'one_time') {
            throw new BillingError(BillingErrorCode.invalidInput, 'A one-time price is billed once, in advance', {
              path: ['input', 'timing'],
            });
          }
          const price: CatalogPrice = { ...parsed, id: parsed.id ?? ctx.ids('price') };
          await requireRecord(session.products, price.productId, 'product', ['input', 'productId']);
          if (price.meterId !== undefined) {
            const meter = await requireRecord(session.meters, price.meterId, 'meter', ['input', 'meterId']);
            assertTransactionMeter(price, meter);
          }
          await rootConflicts('input', () => session.prices.insert(price));
          return price;
        }),
      get: getter(ctx, (c) => c.storage.prices, 'price', 'priceId'),
      list: (filter) => storage.prices.list(validate(PriceFilterSchema, filter ?? {}, 'filter')),
      archive: (id) => setActive(ctx, (s) => s.prices, 'price', 'priceId', id, false),
      unarchive: (id) => setActive(ctx, (s) => s.prices, 'price', 'priceId', id, true),
    },
    meters: {
      create: (input) =>
        created(ctx, 'meters.create', MeterCreateSchema, input, async (session, parsed) => {
          const meter: Meter = { ...parsed, id: parsed.id ?? ctx.ids('meter') };
          await rootConflicts('input', () => session.meters.insert(meter));
          return meter;
        }),
      get: getter(ctx, (c) => c.storage.meters, 'meter', 'meterId'),
      list: (page) => storage.meters.list(validate(PageRequestSchema, page ?? {}, 'page')),
    },
    coupons: {
      create: (input) =>
        created(ctx, 'coupons.create', CouponCreateSchema, input, async (session, parsed) => {
          const coupon: Coupon = { ...parsed, id: parsed.id ?? ctx.ids('coupon') };
          await assertScopeExists(session, coupon);
          await rootConflicts('input', () => session.coupons.insert(coupon));
          return coupon;
        }),
      get: getter(ctx, (c) => c.storage.coupons, 'coupon', 'couponId'),
      list: (page) => storage.coupons.list(validate(PageRequestSchema, page ?? {}, 'page')),
    },
    taxRates: {
      create: (input) =>
        created(ctx, 'taxRates.create', TaxRateCreateSchema, input, async (session, parsed) => {
          const taxRate: TaxRate = { ...parsed, id: parsed.id ?? ctx.ids('txr') };
          await rootConflicts('input', () => session.taxRates.insert(taxRate));
          return taxRate;
        }),
      get: getter(ctx, (c) => c.storage.taxRates, 'tax rate', 'taxRateId'),
      list: (page) => storage.taxRates.list(validate(PageRequestSchema, page ?? {}, 'page')),
    },
  };
}
