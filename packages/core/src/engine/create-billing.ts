import type { Meter, Tracer } from '@opentelemetry/api';
import { z } from 'zod';
import { type Clock, systemClock } from '../clock/clock';
import { type Actor, ActorSchema, SYSTEM_ACTOR } from '../domain/audit-entry';
import { validate } from '../errors/validate';
import { createFieldProtector, type FieldProtectionOptions } from '../protection/field-protector';
import { type AuditService, createAuditService } from './access/audit-service';
import { auditedStorage } from './access/audited-storage';
import { scopedServices } from './access/scoped-services';
import { assertAllowed } from './access/staff-roles';
import { createProtectionService, type ProtectionService } from './protection/protection-service';
import { protectedStorage } from './protection/protected-storage';
import { createRetentionService, type RetentionService } from './retention/retention-service';
import type { Notifier } from '../notify/notifier';
import type { BillingStorageAdapter } from '../storage/storage-adapter';
import { type BillingTelemetryOptions, createBillingTelemetry } from '../telemetry/billing-telemetry';
import { type CatalogService, createCatalogService } from './catalog/catalog-service';
import { type CollectionsService, createCollectionsService } from './collections/collections-service';
import { type EngineConfigInput, type EngineContext, resolveEngineConfig } from './context';
import { type CreditNoteService, createCreditNoteService } from './credit-notes/credit-note-service';
import { type CustomerService, createCustomerService } from './customers/customer-service';
import { createIdGenerator, type IdGenerator } from './ids';
import { createInvoiceService, type InvoiceService } from './invoices/invoice-service';
import { type BalanceService, createBalanceService } from './ledger/balance-service';
import { createNotificationService, type NotificationService } from './notifications/notification-service';
import { createPaymentService, type PaymentService } from './payments/payment-service';
import { createReconciliationService, type ReconciliationService } from './reconciliation/reconciliation-service';
import { createPaymentMethodService, type PaymentMethodService } from './online-payments/payment-method-service';
import type { PaymentGateway } from '../payments/payment-gateway';
import { createReportService, type ReportService } from './reports/report-service';
import { type RunCycleOptions, type RunCycleSummary, runCycle } from './run-cycle/index';
import { createSubscriptionService, type SubscriptionService } from './subscriptions/index';
import { createUsageService, type UsageService } from './usage/index';

/** What {@link createBilling} takes. Only `storage` is required. */
export interface BillingOptions {
  /** Where records live: `new MemoryStorage()` in tests, the Postgres adapter in production. */
  readonly storage: BillingStorageAdapter;
  /** The source of "now" (default: the system clock); pass a test clock to move through months. */
  readonly clock?: Clock;
  /** Id minting (default: `createIdGenerator` over `clock`). */
  readonly ids?: IdGenerator;
  /**
   * Delivers the notifications the engine writes to its outbox (invoice finalized, payment received, reminders, …):
   * right after each commit with `immediate` delivery (the default), and by `notifications.dispatch`.
   */
  readonly notifier?: Notifier;
  readonly config?: EngineConfigInput;
  /**
   * Field protection: the host's keys (`createFieldProtector` options: key-encryption keys by id, the current one,
   * a search key). With it, customers' bank-account IBANs — and tax ids with `encryptTaxIds` — and idempotency
   * responses are encrypted at rest, and `protection.findCustomersByIban` / `findCustomersByTaxId` find customers by
   * keyed hash. See `docs/field-protection.md`.
   */
  readonly protection?: { readonly keys: FieldProtectionOptions; readonly encryptTaxIds?: boolean };
  /**
   * What the audit log records: `staff` (default) — every change made through `billing.as(actor)`; `all` — also the
   * changes of calls made without an actor (as `system`), billing runs included.
   */
  readonly audit?: 'staff' | 'all';
  /**
   * The meter and tracer the engine reports through (see `docs/metrics.md`); default: the global OpenTelemetry
   * providers, looked up at first use, so the host may install its SDK after creating the engine.
   */
  readonly telemetry?: BillingTelemetryOptions;
  /**
   * Payment gateways (`createStripeGateway(…)`, `createPaypalGateway(…)`), each under its `name`; the first is the
   * default. With them, customers charged automatically are charged when invoices are finalized, retried by
   * `collections.run`, and webhooks apply to the ledger.
   */
  readonly gateways?: readonly PaymentGateway[];
}

const isObjectWith =
  (...methods: string[]) =>
  (value: unknown) =>
    typeof value === 'object' &&
    value !== null &&
    methods.every((method) => typeof (value as Record<string, unknown>)[method] === 'function');

const BillingOptionsSchema = z.strictObject({
  storage: z.custom<BillingStorageAdapter>(isObjectWith('transaction', 'close'), {
    message: 'expected a BillingStorageAdapter (e.g. new MemoryStorage())',
  }),
  clock: z.custom<Clock>(isObjectWith('now'), { message: 'expected a Clock with now()' }).optional(),
  ids: z
    .custom<IdGenerator>((value) => typeof value === 'function', { message: 'expected a function (prefix) => id' })
    .optional(),
  notifier: z.custom<Notifier>(isObjectWith('notify'), { message: 'expected a Notifier with notify()' }).optional(),
  config: z.unknown().optional(),
  protection: z.strictObject({ keys: z.unknown(), encryptTaxIds: z.boolean().default(false) }).optional(),
  audit: z.enum(['staff', 'all']).default('staff'),
  telemetry: z
    .strictObject({
      meter: z
        .custom<Meter>(isObjectWith('createCounter', 'createHistogram'), { message: 'expected a Meter' })
        .optional(),
      tracer: z
        .custom<Tracer>(isObjectWith('startSpan', 'startActiveSpan'), { message: 'expected a Tracer' })
        .optional(),
    })
    .optional(),
  gateways: z
    .array(
      z.custom<PaymentGateway>(isObjectWith('createPayment', 'getPayment', 'refundPayment', 'parseWebhook'), {
        message: 'expected a PaymentGateway',
      }),
    )
    .max(20)
    .refine((gateways) => new Set(gateways.map((gateway) => gateway.name)).size === gateways.length, {
      message: 'each gateway name once',
    })
    .optional(),
});

/** Every operation of Billfold over one storage, clock and configuration. */
export interface BillingServices {
  readonly customers: CustomerService;
  readonly catalog: CatalogService;
  readonly invoices: InvoiceService;
  readonly creditNotes: CreditNoteService;
  readonly payments: PaymentService;
  /** Payment methods customers saved at the gateways (tokens only). */
  readonly paymentMethods: PaymentMethodService;
  readonly balance: BalanceService;
  readonly subscriptions: SubscriptionService;
  readonly usage: UsageService;
  /** The scheduled purge of expired idempotency records and of erased customers' retained data. */
  readonly retention: RetentionService;
  /** Lookups by keyed hash and key rotation, when `protection` is configured. */
  readonly protection: ProtectionService;
  /** The audit log: query and export. */
  readonly audit: AuditService;
  /** The notification outbox: dispatch, list, re-send. */
  readonly notifications: NotificationService;
  /** Collections: `run` (reminders, overdue flags, fees, dunning), `access`, fees. */
  readonly collections: CollectionsService;
  /** Reports: customer aging, payment confirmation, collections effectiveness. */
  readonly reports: ReportService;
  /** Bank reconciliation: statements imported into the ledger, proposals, the queue of unmatched credits. */
  readonly reconciliation: ReconciliationService;
  /** Bills every subscription due at `now` (default: the clock's now), batch by batch (`runCycle`). */
  runCycle(options?: RunCycleOptions): Promise<RunCycleSummary>;
}

/** The billing engine as the host's code sees it: its services, the context, and staff-scoped copies. */
export interface Billing extends BillingServices {
  /** The context the services run on, for hosts that call engine functions directly. */
  readonly context: EngineContext;
  /**
   * The same services for one member of staff: each call is checked against the actor's role (`forbidden`
   * otherwise: `read_only` reads, `billing_operator` bills, `admin` also changes the catalog, erases, purges,
   * rotates keys and reads the audit log), and every change it makes is written to the audit log with the actor,
   * the operation and the record before and after, in the same transaction. Calls on `billing` itself run as
   * `system`, unchecked.
   * @example
   * ```ts
   * const desk = billing.as({ id: 'user_42', role: 'billing_operator' });
   * await desk.payments.record({ customerId, amount: '50.00', currency: 'EUR', method: 'cash' });
   * await desk.catalog.products.create({ … }); // BillingError forbidden
   * ```
   */
  as(actor: Actor): BillingServices;
}

/**
 * Creates the billing engine over a storage adapter. Every operation validates its input (a `BillingError`
 * with `code` and `path` when it is bad, storage unchanged), runs its writes in one transaction, and takes an
 * `idempotencyKey` where it moves money.
 * @throws BillingError `invalid_input` with a path under `options` or `config`.
 * @example
 * ```ts
 * const billing = createBilling({ storage: new MemoryStorage(), clock: createTestClock('2026-01-10T09:00:00Z') });
 * const vat = await billing.catalog.taxRates.create({ name: 'VAT 19%', percentage: '19', inclusive: false });
 * const customer = await billing.customers.create({
 *   name: 'Acme GmbH', email: 'billing@acme.example', currency: 'EUR', timeZone: 'Europe/Berlin', taxRateIds: [vat.id],
 * });
 * const invoice = await billing.invoices.createOneOff({
 *   customerId: customer.id, lines: [{ description: 'Installation', amount: '100.00' }], autoFinalize: true,
 * });
 * invoice.number; // "INV-2026-000001"
 * invoice.total;  // "119.00"
 * await billing.payments.record({ customerId: customer.id, amount: '119.00', currency: 'EUR', method: 'bank_transfer' });
 * (await billing.invoices.get(invoice.id)).status; // "paid"
 * ```
 */
export function createBilling(options: BillingOptions): Billing {
  const parsed = validate(BillingOptionsSchema, options, 'options');
  const clock = parsed.clock ?? systemClock;
  const protector =
    parsed.protection === undefined
      ? undefined
      : createFieldProtector(parsed.protection.keys as FieldProtectionOptions);
  const fields = { taxIds: parsed.protection?.encryptTaxIds ?? false };
  const raw = parsed.storage;
  const sealed = (storage: BillingStorageAdapter) =>
    protector === undefined ? storage : protectedStorage(storage, protector, fields);
  const ctx: EngineContext = {
    storage: sealed(raw),
    clock,
    ids: parsed.ids ?? createIdGenerator(clock),
    config: resolveEngineConfig(parsed.config as EngineConfigInput | undefined),
    ...(parsed.notifier !== undefined ? { notifier: parsed.notifier } : {}),
    ...(parsed.telemetry !== undefined ? { telemetry: createBillingTelemetry(parsed.telemetry) } : {}),
    ...(parsed.gateways !== undefined
      ? { gateways: new Map(parsed.gateways.map((gateway) => [gateway.name, gateway])) }
      : {}),
  };
  const build = (storage: BillingStorageAdapter): BillingServices => {
    const scoped: EngineContext = { ...ctx, storage: sealed(storage) };
    return {
      customers: createCustomerService(scoped),
      catalog: createCatalogService(scoped),
      invoices: createInvoiceService(scoped),
      creditNotes: createCreditNoteService(scoped),
      payments: createPaymentService(scoped),
      paymentMethods: createPaymentMethodService(scoped),
      balance: createBalanceService(scoped),
      subscriptions: createSubscriptionService(scoped),
      usage: createUsageService(scoped),
      notifications: createNotificationService(scoped),
      collections: createCollectionsService(scoped),
      reports: createReportService(scoped),
      reconciliation: createReconciliationService(scoped),
      retention: createRetentionService(scoped),
      protection: createProtectionService(scoped.storage, storage, protector),
      audit: createAuditService(storage),
      runCycle: (runOptions) => runCycle(scoped, runOptions),
    };
  };
  const plain = build(raw);
  const audited = (actor: Actor, checked: boolean): BillingServices =>
    scopedServices(plain, (operation) => {
      if (checked) assertAllowed(actor, operation);
      return build(auditedStorage(raw, { actor, operation, ids: ctx.ids, now: () => clock.now().toISOString() }));
    });
  return {
    ...(parsed.audit === 'all' ? audited(SYSTEM_ACTOR, false) : plain),
    context: ctx,
    as: (actor) => audited(validate(ActorSchema, actor, 'actor'), true),
  };
}
