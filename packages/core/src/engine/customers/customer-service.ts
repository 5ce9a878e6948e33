import { type Page, type PageRequest, IdSchema, PageRequestSchema } from '../../domain/common';
import {
  type Customer,
  type CustomerInput,
  CustomerInputSchema,
  type CustomerUpdate,
  CustomerUpdateSchema,
} from '../../domain/customer';
import type { StorageSession } from '../../storage/storage-adapter';
import { validate } from '../../errors/validate';
import type { EngineContext } from '../context';
import { requireRecord } from '../require-record';
import { rootConflicts } from '../storage-errors';
import { assertReverseChargeVatId } from './reverse-charge-rule';

/** Customers: their billing profile (address, tax ids, tax status, time zone, payment terms) and custom fields. */
export interface CustomerService {
  /** Creates a customer; `id` is minted (`cus_…`) unless the host gives its own. */
  create(input: CustomerInput & { readonly id?: string }): Promise<Customer>;
  /**
   * Changes the fields given (and only those). Finalized invoices keep the snapshot they were issued with;
   * only invoices finalized afterwards see the change.
   */
  update(customerId: string, changes: CustomerUpdate): Promise<Customer>;
  /** @throws BillingError `not_found`. */
  get(customerId: string): Promise<Customer>;
  /** Customers in id (creation) order. */
  list(page?: PageRequest): Promise<Page<Customer>>;
}

const CreateSchema = CustomerInputSchema.extend({ id: IdSchema.optional() }).strict();
const UpdateSchema = CustomerUpdateSchema.strict();

/** Every tax rate id a customer refers to must exist. */
async function checkTaxRates(session: StorageSession, ids: readonly string[], root: string): Promise<void> {
  for (const [index, id] of ids.entries()) {
    await requireRecord(session.taxRates, id, 'tax rate', [root, 'taxRateIds', index]);
  }
}

/** Creates the customer service over an engine context. */
export function createCustomerService(ctx: EngineContext): CustomerService {
  return {
    async create(input) {
      const parsed = validate(CreateSchema, input, 'input');
      assertReverseChargeVatId(parsed, ['input', 'taxIds']);
      const now = ctx.clock.now().toISOString();
      const customer: Customer = {
        ...parsed,
        id: parsed.id ?? ctx.ids('cus'),
        createdAt: now,
        updatedAt: now,
        version: 1,
      };
      return ctx.storage.transaction(async (session) => {
        await checkTaxRates(session, customer.taxRateIds, 'input');
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
      return ctx.storage.transaction(async (session) => {
        const current = await requireRecord(session.customers, customerId, 'customer', ['customerId']);
        if (given.taxRateIds !== undefined) await checkTaxRates(session, given.taxRateIds, 'changes');
        assertReverseChargeVatId({ ...current, ...given }, ['changes', given.taxIds !== undefined ? 'taxIds' : 'taxStatus']);
        const next: Customer = {
          ...current,
          ...given,
          id: current.id,
          createdAt: current.createdAt,
          updatedAt: ctx.clock.now().toISOString(),
          version: current.version + 1,
        };
        await session.customers.update(next);
        return next;
      });
    },
    async get(customerId) {
      validate(IdSchema, customerId, 'customerId');
      return requireRecord(ctx.storage.customers, customerId, 'customer', ['customerId']);
    },
    async list(page) {
      return ctx.storage.customers.list(validate(PageRequestSchema, page ?? {}, 'page'));
    },
  };
}
