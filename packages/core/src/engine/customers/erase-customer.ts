import type { Customer } from '../../domain/customer';
import { listAll } from '../../domain/list-all';
import { BillingError, BillingErrorCode } from '../../errors/billing-error';
import { ERASED_CUSTOMER_NAME, type ScrubCounts } from '../../storage/privacy-repositories';
import type { StorageSession } from '../../storage/storage-adapter';
import type { EngineContext } from '../context';
import { lockCustomerLedgers } from '../ledger/ledger-lock';
import { requireRecord } from '../require-record';
import { shiftYears } from '../retention/shift-years';
import { eraseCustomerBankCredits } from './erase-bank-credits';

/** How many records of each kind erasure cleared: the storage's scrub, and the imported bank credits. */
export interface ErasureCounts extends ScrubCounts {
  /** Imported bank credits pseudonymised (payer name and IBAN gone, remittance replaced by its hash). */
  readonly bankCredits: number;
}

/** What `customers.erase` did. */
export interface CustomerErasureResult {
  /** The customer as stored now: pseudonymised, with `erasure` set. */
  readonly customer: Customer;
  /** Whether this call erased it (`false`: it was erased before and nothing changed). */
  readonly erasedNow: boolean;
  /** How many records of each kind were cleared (all zero when `erasedNow` is false). */
  readonly cleared: ErasureCounts;
}

const NOTHING: ErasureCounts = {
  usageEvents: 0,
  payments: 0,
  refunds: 0,
  subscriptions: 0,
  invoices: 0,
  creditNotes: 0,
  idempotencyRecords: 0,
  auditEntries: 0,
  outboxEntries: 0,
  paymentMethods: 0,
  paymentAttempts: 0,
  bankCredits: 0,
};

/**
 * Attempts whose money is moving at the provider: their outcome must reach the ledger before erasure. (One waiting
 * for the customer, `requires_action`, does not hold erasure back: the customer may never come back to it.)
 */
const IN_FLIGHT = ['pending', 'processing'] as const;

/**
 * Refuses erasure while something can still bill the customer: a subscription not canceled, a payment attempt under
 * way at a gateway, a draft invoice.
 */
async function assertNothingToBill(session: StorageSession, customerId: string): Promise<void> {
  const subscriptions = await listAll((page) => session.subscriptions.list({ ...page, customerId }));
  const live = subscriptions.find((s) => s.status !== 'canceled' || s.nextBillingAt !== undefined);
  if (live !== undefined) {
    throw new BillingError(
      BillingErrorCode.invalidState,
      `Customer ${customerId} still has subscription ${live.id} (${live.status}) that can still bill: cancel it and let the billing run bill what remains before erasing`,
      { path: ['customerId'] },
    );
  }
  for (const status of IN_FLIGHT) {
    const [attempt] = (await session.paymentAttempts.list({ customerId, status, limit: 1 })).items;
    if (attempt !== undefined) {
      throw new BillingError(
        BillingErrorCode.invalidState,
        `Customer ${customerId} has payment attempt ${attempt.id} (${status}) under way at ${attempt.gateway}: let it finish before erasing`,
        { path: ['customerId'] },
      );
    }
  }
  const drafts = await session.invoices.list({ customerId, status: 'draft', limit: 1 });
  const draft = drafts.items[0];
  if (draft !== undefined) {
    throw new BillingError(
      BillingErrorCode.invalidState,
      `Customer ${customerId} has draft invoice ${draft.id}: finalize or void it before erasing`,
      { path: ['customerId'] },
    );
  }
}

/**
 * Erases a customer's personal data, under the customer's ledger lock in one transaction: the customer record is
 * pseudonymised (name "Erased customer", an `…@erased.invalid` address, no phone, address, tax ids, bank account,
 * external reference, provider customer references (`gatewayCustomers`) or metadata), the other records are scrubbed
 * (`privacy.scrubCustomer`: saved payment methods pseudonymised and detached, decline messages cleared, pending
 * notifications cancelled), the customer's imported bank credits lose the payer's name and IBAN and keep a hash of
 * the remittance (`eraseCustomerBankCredits`), and `erasure` records
 * until when the invoices keep what tax law requires. Amounts never change, so the ledger stays as it was.
 * Erasing again changes nothing.
 * Gateways are not called: detaching the methods and deleting the customer at the provider is the host's (read
 * `gatewayCustomers` and the active `paymentMethods` first, or `paymentMethods.remove` each before erasing).
 * @throws BillingError `invalid_state` while a subscription can still bill, a payment attempt is under way
 * (`pending`, `processing`) or a draft invoice exists.
 */
export async function eraseCustomer(
  ctx: EngineContext,
  session: StorageSession,
  customerId: string,
): Promise<CustomerErasureResult> {
  await lockCustomerLedgers(session, [customerId]);
  const current = await requireRecord(session.customers, customerId, 'customer', ['customerId']);
  if (current.erasure !== undefined) return { customer: current, erasedNow: false, cleared: NOTHING };
  await assertNothingToBill(session, customerId);
  const invoices = await listAll((page) => session.invoices.list({ ...page, customerId }));
  const years = ctx.config.invoiceRetentionYears;
  const retainUntil = invoices
    .map((invoice) => shiftYears(invoice.issuedAt ?? invoice.createdAt, years))
    .reduce<string | undefined>(
      (latest, until) => (latest === undefined || until > latest ? until : latest),
      undefined,
    );
  const scrubbed = await session.privacy.scrubCustomer(customerId);
  const cleared: ErasureCounts = { ...scrubbed, bankCredits: await eraseCustomerBankCredits(session, current) };
  const now = ctx.clock.now().toISOString();
  const customer: Customer = {
    id: current.id,
    name: ERASED_CUSTOMER_NAME,
    email: `${current.id.toLowerCase()}@erased.invalid`,
    taxIds: [],
    locale: current.locale,
    timeZone: current.timeZone,
    currency: current.currency,
    paymentTermsDays: current.paymentTermsDays,
    taxStatus: current.taxStatus,
    taxRateIds: current.taxRateIds,
    metadata: {},
    createdAt: current.createdAt,
    updatedAt: now,
    version: current.version + 1,
    erasure: retainUntil === undefined ? { erasedAt: now } : { erasedAt: now, retainUntil },
  };
  await session.customers.update(customer);
  return { customer, erasedNow: true, cleared };
}
