import { TZDate } from '@date-fns/tz';
import { z } from 'zod';
import type { Clock } from '../clock/clock';
import { CollectionsPolicyNameSchema } from '../domain/common';
import { TimeZoneSchema } from '../domain/customer';
import { validate } from '../errors/validate';
import { CurrencySchema } from '../money/schemas';
import { type RoundingMode, RoundingModeSchema } from '../money/rounding-mode';
import type { Notifier } from '../notify/notifier';
import type { PaymentGateway } from '../payments/payment-gateway';
import type { BillingStorageAdapter } from '../storage/storage-adapter';
import { type LineTexts, LineTextsInputSchema, lineTexts } from '../invoice/line-texts';
import { CashRoundingIncrementSchema } from '../tax/cash-rounding';
import type { BillingTelemetry } from '../telemetry/billing-telemetry';
import { type TaxRounding, TaxRoundingSchema } from '../tax/invoice-tax';
import {
  type CollectionsConfig,
  CollectionsPolicyInputSchema,
  CollectionsPolicyOverrideSchema,
  resolveCollectionsConfig,
} from './collections/collections-policy';
import type { IdGenerator } from './ids';

/**
 * Everything the engine runs on: storage, time, id generation, configuration and (optionally) a notifier and the
 * telemetry it reports through (default: `billingTelemetry`, over the global OpenTelemetry providers).
 */
export interface EngineContext {
  readonly storage: BillingStorageAdapter;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly config: EngineConfig;
  readonly notifier?: Notifier;
  readonly telemetry?: BillingTelemetry;
  /** The payment gateways by name (`stripe`, `paypal`), in the order given; the first is the default. */
  readonly gateways?: ReadonlyMap<string, PaymentGateway>;
}

/** The engine's resolved configuration (see {@link EngineConfigInputSchema} for what a host may give). */
export interface EngineConfig {
  /** The invoice numbering sequence for an issue instant, e.g. `"INV-2026"`. Numbers are gapless per sequence. */
  invoiceSequence(issuedAt: Date): string;
  /** The credit-note numbering sequence for an issue instant, e.g. `"CN-2026"`. */
  creditNoteSequence(issuedAt: Date): string;
  /** Zero-padded digits of the running number: 6 → `INV-2026-000123`. */
  readonly numberDigits: number;
  /**
   * Where tax is rounded on invoices: per `invoice` (default: each rate once over its lines, the VAT of a rate
   * group as EN 16931 computes it) or per `line`.
   */
  readonly taxRounding: TaxRounding;
  /** Rounding mode at every rounding point (default `half-up`). */
  readonly roundingMode: RoundingMode;
  /** Cash-rounding increment per currency (`{ CHF: "0.05" }`); currencies not listed are not cash-rounded. */
  readonly cashRounding: Readonly<Record<string, string>>;
  /** How many days past the clock's now a billing run may bill (`runCycle({ now })`); default 31. */
  readonly runHorizonDays: number;
  /**
   * The most billing periods one run bills per subscription (default 120); a subscription further behind stays due
   * and the next run goes on from there.
   */
  readonly maxPeriodsPerRun: number;
  /**
   * How long an idempotency record answers replays, in hours (default 720: 30 days). After that the key is new
   * again: a replay runs the operation once more, and `retention.purge()` deletes the record.
   */
  readonly idempotencyKeyTtlHours: number;
  /**
   * How many years an erased customer's invoices keep what tax law requires (name, address, tax ids on the
   * snapshot), counted from each invoice's issue date (default 10); `retention.purge()` clears them afterwards.
   */
  readonly invoiceRetentionYears: number;
  /**
   * How many days an imported bank credit nobody claimed (`unmatched` or `dismissed`, no customer) keeps the payer's
   * name, IBAN and remittance, counted from its import (default 365); `retention.purge()` pseudonymises it afterwards.
   */
  readonly unmatchedBankCreditRetentionDays: number;
  /** The wording of the lines the engine writes (proration, usage, …) in a customer's locale (`de-DE`). */
  lineTexts(locale: string): LineTexts;
  /** How the outbox is delivered; see {@link NotificationSettingsSchema}. */
  readonly notifications: NotificationSettings;
  /** The account's collections policy and the named ones customers and subscriptions may use. */
  readonly collections: CollectionsConfig;
  /** How gateway charges run; see {@link PaymentSettingsSchema}. */
  readonly payments: PaymentSettings;
}

/**
 * How automatic charges run (engine config `payments`). Retries follow the collections policy's `retries`.
 */
export const PaymentSettingsSchema = z.strictObject({
  /**
   * `immediate` (default): an operation that finalizes invoices of customers charged automatically charges them right
   * after its commit; `run`: only `collections.run` charges (a cron job), so no operation waits for a gateway.
   */
  chargeOnFinalize: z.enum(['immediate', 'run']).default('immediate'),
  /**
   * How long an attempt sent to a gateway is reserved for the process sending it. A process that dies mid-charge
   * leaves the attempt `pending`; once its lease ends the next run sends it again under the same idempotency key,
   * and the provider answers with the payment it made (never a second charge).
   */
  leaseSeconds: z.number().int().min(1).max(86_400).default(300),
});

/** How gateway charges run; see {@link PaymentSettingsSchema}. */
export type PaymentSettings = z.output<typeof PaymentSettingsSchema>;

/**
 * How the outbox's notifications are delivered (engine config `notifications`). Retries wait `retryAfterSeconds`,
 * doubling with each attempt up to `maxRetryAfterSeconds` (longer when the notifier says when to come back); after
 * `maxAttempts` attempts, or at once for a failure that would only repeat, an entry is dead-lettered.
 */
export const NotificationSettingsSchema = z.strictObject({
  /**
   * `immediate` (default): with a notifier, every operation sends the notifications it wrote right after its commit
   * (what fails stays in the outbox for `notifications.dispatch`); `dispatch`: only `notifications.dispatch` sends
   * (a worker or cron job), so no operation waits for a notifier.
   */
  delivery: z.enum(['immediate', 'dispatch']).default('immediate'),
  maxAttempts: z.number().int().min(1).max(100).default(8),
  retryAfterSeconds: z.number().int().min(1).max(86_400).default(60),
  maxRetryAfterSeconds: z.number().int().min(1).max(2_592_000).default(21_600),
  /** How long a claimed entry is reserved for the dispatcher sending it; after that another dispatcher may claim it. */
  leaseSeconds: z.number().int().min(1).max(86_400).default(300),
});

/** How the outbox is delivered; see {@link NotificationSettingsSchema}. */
export type NotificationSettings = z.output<typeof NotificationSettingsSchema>;

const SequenceFunctionSchema = z.custom<(issuedAt: Date) => string>((value) => typeof value === 'function', {
  message: 'expected a function (issuedAt: Date) => string',
});

/**
 * What a host may configure. Sequences default to `<prefix>-<year>`, the year taken in `timeZone`
 * (the seller's, default UTC), so an invoice issued on 31 December 23:30 in Berlin is numbered in that year.
 */
export const EngineConfigInputSchema = z
  .object({
    invoicePrefix: z
      .string()
      .regex(/^[A-Z][A-Z0-9]{0,9}$/, 'upper-case letters and digits, e.g. "INV"')
      .default('INV'),
    creditNotePrefix: z
      .string()
      .regex(/^[A-Z][A-Z0-9]{0,9}$/, 'upper-case letters and digits, e.g. "CN"')
      .default('CN'),
    /** `year`: a new sequence each calendar year (`INV-2026`); `none`: one sequence forever (`INV`). */
    sequenceBy: z.enum(['year', 'none']).default('year'),
    /** The seller's time zone: which year an instant belongs to. */
    timeZone: TimeZoneSchema.default('UTC'),
    numberDigits: z.number().int().min(1).max(12).default(6),
    /**
     * `invoice` (default): each rate's tax is rounded once over all its lines, so the VAT of a rate group is its
     * taxable amount × rate, as EN 16931 (BR-S-09, BR-CO-17) and EU VAT returns compute it; `line`: each line's
     * tax is rounded, and hundreds of small lines can drift from that by more than the e-invoice rules allow.
     */
    taxRounding: TaxRoundingSchema.default('invoice'),
    roundingMode: RoundingModeSchema.default('half-up'),
    cashRounding: z.record(CurrencySchema, CashRoundingIncrementSchema).default({}),
    /** How far past the clock's now `runCycle({ now })` may bill, in days: a `now` beyond is refused. */
    runHorizonDays: z.number().int().min(0).max(3660).default(31),
    /** The most periods one billing run bills per subscription; the rest stay due for the next run. */
    maxPeriodsPerRun: z.number().int().min(1).max(10_000).default(120),
    /** Hours an idempotency record answers replays before the key counts as new and the record is purged. */
    idempotencyKeyTtlHours: z
      .number()
      .int()
      .min(1)
      .max(24 * 3660)
      .default(720),
    /** Years from an invoice's issue date that an erased customer's identity stays on it (tax retention). */
    invoiceRetentionYears: z.number().int().min(0).max(100).default(10),
    /** Days from import that an unclaimed bank credit keeps the payer's identity and words (then pseudonymised). */
    unmatchedBankCreditRetentionDays: z.number().int().min(0).max(36_600).default(365),
    /**
     * Wording of the invoice lines the engine writes, by language tag, beside Billfold's English and German
     * (`{ fr: { prorated: '{item} (au prorata)', … } }`); a customer's `locale` picks the language.
     */
    lineTexts: LineTextsInputSchema.default({}),
    /** How the notification outbox is delivered. */
    notifications: NotificationSettingsSchema.default(NotificationSettingsSchema.parse({})),
    /** The account's collections policy: reminders, grace period, past-due fees, dunning (see docs/collections.md). */
    collections: CollectionsPolicyInputSchema.optional(),
    /**
     * Named policies for customers and subscriptions that differ (`customer.collectionsPolicy`,
     * `subscription.collectionsPolicy`): each part given (`reminders`, `fees`, `dunning`, …) replaces the account's.
     */
    collectionsPolicies: z.record(CollectionsPolicyNameSchema, CollectionsPolicyOverrideSchema).default({}),
    /** How gateway charges run. */
    payments: PaymentSettingsSchema.default(PaymentSettingsSchema.parse({})),
    /** Overrides the invoice sequence entirely. */
    invoiceSequence: SequenceFunctionSchema.optional(),
    /** Overrides the credit-note sequence entirely. */
    creditNoteSequence: SequenceFunctionSchema.optional(),
  })
  .strict();

/** What a host may configure; see {@link EngineConfigInputSchema}. */
export type EngineConfigInput = z.input<typeof EngineConfigInputSchema>;

/**
 * Resolves a host's configuration into an {@link EngineConfig}.
 * @throws BillingError `invalid_input` with a path under `config`.
 * @example
 * ```ts
 * resolveEngineConfig({ invoicePrefix: 'BILL' }).invoiceSequence(new Date('2026-03-01T00:00:00Z')); // "BILL-2026"
 * ```
 */
export function resolveEngineConfig(input: EngineConfigInput | undefined): EngineConfig {
  const parsed = validate(EngineConfigInputSchema, input ?? {}, 'config');
  const byDate = (prefix: string) => {
    if (parsed.sequenceBy === 'none') return () => prefix;
    // The year lookup goes through Intl; a batch asks for the same instant many times.
    let last = { time: Number.NaN, sequence: prefix };
    return (issuedAt: Date) => {
      const time = issuedAt.getTime();
      if (time !== last.time) {
        last = { time, sequence: `${prefix}-${new TZDate(time, parsed.timeZone).getFullYear()}` };
      }
      return last.sequence;
    };
  };
  const texts = new Map<string, LineTexts>();
  return {
    invoiceSequence: parsed.invoiceSequence ?? byDate(parsed.invoicePrefix),
    creditNoteSequence: parsed.creditNoteSequence ?? byDate(parsed.creditNotePrefix),
    numberDigits: parsed.numberDigits,
    taxRounding: parsed.taxRounding,
    roundingMode: parsed.roundingMode,
    cashRounding: parsed.cashRounding,
    runHorizonDays: parsed.runHorizonDays,
    maxPeriodsPerRun: parsed.maxPeriodsPerRun,
    idempotencyKeyTtlHours: parsed.idempotencyKeyTtlHours,
    invoiceRetentionYears: parsed.invoiceRetentionYears,
    unmatchedBankCreditRetentionDays: parsed.unmatchedBankCreditRetentionDays,
    lineTexts(locale) {
      let found = texts.get(locale);
      if (found === undefined) {
        found = lineTexts(locale, parsed.lineTexts);
        if (texts.size > 100) texts.clear();
        texts.set(locale, found);
      }
      return found;
    },
    notifications: parsed.notifications,
    collections: resolveCollectionsConfig(parsed.collections, parsed.collectionsPolicies),
    payments: parsed.payments,
  };
}

/** A document number: the sequence and the zero-padded running number (`INV-2026-000123`). */
export function formatDocumentNumber(sequence: string, value: number, digits: number): string {
  return `${sequence}-${String(value).padStart(digits, '0')}`;
}
