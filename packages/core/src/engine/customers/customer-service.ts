import { z } from 'zod';
import { type Page, IdSchema, PageRequestSchema } from '../../domain/common';
import { type Customer, CustomerInputSchema, type CustomerUpdate, CustomerUpdateSchema } from '../../domain/customer';
import type { StorageSession } from '../../storage/storage-adapter';
import { BillingError, BillingErrorCode } from '../../errors/billing-error';
import { validate } from '../../errors/validate';
import { IdempotencyKeySchema } from '../amount-schemas';
import type { EngineContext } from '../context';
import { runIdempotent } from '../idempotency';
import { requireRecord } from '../require-record';
import { rootConflicts } from '../storage-errors';
import { assertPolicyName } from '../collections/collections-policy';
import { assertReverseChargeVatId } from './reverse-charge-rule';
import { assertNotErased } from './erased-customer-rule';
import { type CustomerErasureResult, eraseCustomer } from './erase-customer';
import { ledgerTransaction } from '../ledger/ledger-transaction';

/** Which customers `customers.list` returns: a page, optionally only those with one email address. */
export const CustomerFilterSchema = PageRequestSchema.extend({
  /** Only customers with this email address, ASCII letters compared case-insensitively (`foldEmail`). */
  email: z.string().min(1).max(320).optional(),
}).strict();

/** Which customers `customers.list` returns; see {@link CustomerFilterSchema}. */
export type CustomerFilter = z.input<typeof CustomerFilterSchema>;

/** What `customers.create` takes: the profile, optionally the host's own `id`, and an `idempotencyKey`. */
export const CreateCustomerInputSchema = CustomerInputSchema.extend({
  id: IdSchema.optional(),
  idempotencyKey: IdempotencyKeySchema.optional(),
}).strict();

/** What `customers.create` takes; see {@link CreateCustomerInputSchema}. */
export type CreateCustomerInput = z.input<typeof CreateCustomerInputSchema>;

/** Customers: their billing profile (address, tax ids, tax status, time zone, payment terms) and custom fields. */
export interface CustomerService {
  /**
   * Creates a customer; `id` is minted (`cus_…`) unless the host gives its own. With an `idempotencyKey`, a retried
   * request returns the first result and creates nothing.
   * @throws BillingError `conflict` at `["input", "externalRef"]` when another customer has that `externalRef`.
   */
  create(input: CreateCustomerInput): Promise<Customer>;
  /**
   * Changes the fields given (and only those). Finalized invoices keep the snapshot they were issued with;
   * only invoices finalized afterwards see the change.
   */
  update(customerId: string, changes: CustomerUpdate): Promise<Customer>;
  /** @throws BillingError `not_found`. */
  get(customerId: string): Promise<Customer>;
  /**
   * The customer with this `externalRef` (the host's id for it, unique among customers).
   * @throws BillingError `not_found` at `["externalRef"]`.
   */
  getByExternalRef(externalRef: string): Promise<Customer>;
  /** Customers in id (creation) order, optionally only those with one email address (`{ email }`). */
  list(filter?: CustomerFilter): Promise<Page<Customer>>;
  /**
   * Erases the customer's personal data now, keeping on its invoices what tax law requires for
   * `invoiceRetentionYears` (`retention.purge()` clears that afterwards); from then on the customer cannot be
   * billed or changed (`customer_erased`). Idempotent. See `docs/security.md`.
   * @throws BillingError `invalid_state` while a subscription can still bill or a draft invoice exists.
   * @example
   * ```ts
   * await billing.subscriptions.cancel({ subscriptionId, atPeriodEnd: false });
   * await billing.runCycle(); // bills what the subscription still owes
   * const { customer } = await billing.customers.erase(customerId);
   * customer.name; // "Erased customer"
   * ```
   */
  erase(customerId: string): Promise<CustomerErasureResult>;
}

const UpdateSchema = CustomerUpdateSchema.strict();
const ExternalRefSchema = z.string().min(1).max(200);

/** Every tax rate id a customer refers to must exist. */
async function checkTaxRates(session: StorageSession, ids: readonly string[], root: string): Promise<void> {
  for (const [index, id] of ids.entries()) {
    await requireRecord(session.taxRates, id, 'tax rate', [root, 'taxRateIds', index]);
  }
}

/** Refuses an `externalRef` another customer has, at the caller's path (every adapter alike). */
async function checkExternalRef(session: StorageSession, customer: Customer, root: string): Promise<void> {
  if (customer.externalRef === undefined) return;
  const holder = await session.customers.getByExternalRef(customer.externalRef);
  if (holder !== undefined && holder.id !== customer.id) {
    throw new BillingError(
      BillingErrorCode.conflict,
      `Invalid ${root}.externalRef: customer ${holder.id} already has the external reference "${customer.externalRef}"`,
      { path: [root, 'externalRef'] },
    );
  }
}

/** Creates the customer service over an engine context. */
export function createCustomerService(ctx: EngineContext): CustomerService {
  return {
    async create(input) {
      const { idempotencyKey, ...request } = validate(CreateCustomerInputSchema, input, 'input');
      assertReverseChargeVatId(request, ['input', 'taxIds']);
      assertPolicyName(ctx.config.collections, request.collectionsPolicy, ['input', 'collectionsPolicy']);
      const key = idempotencyKey === undefined ? undefined : `customers.create:${idempotencyKey}`;
      return runIdempotent(ctx, key, request, async (session) => {
        const now = ctx.clock.now().toISOString();
        const customer: Customer = {
          ...request,
          id: request.id ?? ctx.ids('cus'),
          createdAt: now,
          updatedAt: now,
          version: 1,
        };
        await checkTaxRates(session, customer.taxRateIds, 'input');
        await checkExternalRef(session, customer, 'input');
        await rootConflicts('input', () => session.customers.insert(customer));
        return customer;
      });
    },
    async update(customerId, changes) {
      validate(IdSchema, customerId, 'customerId');
      const parsed = validate(UpdateSchema, changes, 'changes');
      // The update schema fills in the input defaults; keep only the fields the caller actually gave.
      const given = Object.fromEntries(
        Object.entries(parsed).filter(([key]) => Object.hasOwn(changes as object, key)),
      ) as Partial<Customer>;
      assertPolicyName(ctx.config.collections, given.collectionsPolicy, ['changes', 'collectionsPolicy']);
      return ctx.storage.transaction(async (session) => {
        const current = await requireRecord(session.customers, customerId, 'customer', ['customerId']);
        assertNotErased(current, ['customerId']);
        if (given.taxRateIds !== undefined) await checkTaxRates(session, given.taxRateIds, 'changes');
        assertReverseChargeVatId({ ...current, ...given }, [
          'changes',
          given.taxIds !== undefined ? 'taxIds' : 'taxStatus',
        ]);
        const next: Customer = {
          ...current,
          ...given,
          id: current.id,
          createdAt: current.createdAt,
          updatedAt: ctx.clock.now().toISOString(),
          version: current.version + 1,
        };
        await checkExternalRef(session, next, 'changes');
        await session.customers.update(next);
        return next;
      });
    },
    async get(customerId) {
      validate(IdSchema, customerId, 'customerId');
      return requireRecord(ctx.storage.customers, customerId, 'customer', ['customerId']);
    },
    async getByExternalRef(externalRef) {
      validate(ExternalRefSchema, externalRef, 'externalRef');
      const customer = await ctx.storage.customers.getByExternalRef(externalRef);
      if (customer === undefined) {
        throw new BillingError(BillingErrorCode.notFound, `No customer has the external reference "${externalRef}"`, {
          path: ['externalRef'],
        });
      }
      return customer;
    },
    async list(filter) {
      return ctx.storage.customers.list(validate(CustomerFilterSchema, filter ?? {}, 'filter'));
    },
    async erase(customerId) {
      validate(IdSchema, customerId, 'customerId');
      return ledgerTransaction(ctx.storage, (session) => eraseCustomer(ctx, session, customerId));
    },
  };
}
