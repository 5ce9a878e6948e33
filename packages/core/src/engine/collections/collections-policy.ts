import { z } from 'zod';
import { BillingCodeSchema } from '../../domain/catalog';
import { BillingError, BillingErrorCode } from '../../errors/billing-error';
import { compareFixed, DECIMAL_PATTERN, parseFixed } from '../../money/fixed';
import { BoundedDecimalSchema, BoundedNonNegativeDecimalSchema, CurrencySchema } from '../../money/schemas';
import { checkMinorUnits } from '../amount-schemas';

const HUNDRED = { units: 100n, scale: 0 };
const withinHundred = (text: string, min: number) =>
  !DECIMAL_PATTERN.test(text) ||
  (compareFixed(parseFixed(text), HUNDRED) <= 0 &&
    compareFixed(parseFixed(text), { units: BigInt(min), scale: 0 }) >= 0);

/** A percentage from 0 to 100 as a decimal string (`"1.5"`). */
const PercentSchema = BoundedNonNegativeDecimalSchema.refine((text) => withinHundred(text, 0), 'from 0 to 100');

/** An annual rate in percent from −100 to 100 (a reference rate may be negative). */
const RateSchema = BoundedDecimalSchema.refine((text) => withinHundred(text, -100), 'from -100 to 100');

/** Amounts per currency (`{ EUR: "10.00" }`), each no finer than its currency's minor unit. */
const AmountsByCurrencySchema = z
  .record(CurrencySchema, BoundedNonNegativeDecimalSchema)
  .superRefine((amounts, ctx) => {
    for (const [currency, amount] of Object.entries(amounts)) checkMinorUnits(amount, currency, [currency], ctx);
  });

/**
 * A fee charged with a reminder: `fixed` (per currency; an invoice in a currency not listed gets none) plus
 * `percent` of what the invoice still owes, rounded once to the currency's minor unit. Balance 1,000.00, fixed
 * 10.00 and 1.5 % make 10.00 + 15.00 = 25.00.
 */
export const ReminderFeeSchema = z.strictObject({
  fixed: AmountsByCurrencySchema.default({}),
  percent: PercentSchema.default('0'),
});

/** A fee charged with a reminder; see {@link ReminderFeeSchema}. */
export type ReminderFee = z.output<typeof ReminderFeeSchema>;

/**
 * One reminder: `days` relative to the due date in the customer's calendar days (−3 three days before, 0 on the
 * due date, 7 a week after); it goes out from the start of that day. A step before the invoice was issued is
 * passed without a reminder.
 */
export const ReminderStepSchema = z.strictObject({
  days: z.number().int().min(-365).max(3650),
  fee: ReminderFeeSchema.optional(),
});

/** The parts of a policy, each with its default. */
const parts = {
  /** The reminders of an open invoice, and an optional repeat after the last step (every N days, up to a maximum). */
  reminders: z
    .strictObject({
      steps: z.array(ReminderStepSchema).max(20).default([]),
      repeat: z
        .strictObject({
          everyDays: z.number().int().min(1).max(365),
          max: z.number().int().min(1).max(50),
          fee: ReminderFeeSchema.optional(),
        })
        .optional(),
    })
    .default({ steps: [] }),
  /** Days after the due date an invoice is still not overdue: overdue from the start of the day after. */
  graceDays: z.number().int().min(0).max(365).default(0),
  /**
   * Statutory interest (EU Late Payment Directive style): an annual rate of `referenceRate` + `margin` (business
   * or consumer customer: a customer with a tax id is a business), accrued per day late on what the invoice still
   * owes, charged with each reminder after the due date for the days since the last charge; and `compensation`,
   * a fixed amount per currency charged once per invoice to business customers (40 EUR in the EU). `false`: none.
   */
  interest: z
    .union([
      z.literal(false),
      z.strictObject({
        referenceRate: RateSchema,
        margin: z.strictObject({ business: RateSchema, consumer: RateSchema }),
        dayCount: z.enum(['actual/365', 'actual/360']).default('actual/365'),
        compensation: AmountsByCurrencySchema.default({}),
      }),
    ])
    .default(false),
  /**
   * How fees are billed: `invoice` (default), an invoice of their own per reminder, linked to the overdue invoice;
   * `next_invoice`, a pending line on the next invoice of the overdue invoice's subscription (taxed like that invoice,
   * so `taxable` must be true; an invoice without a subscription still gets a fee invoice). `taxable: false`
   * (default) bills them without tax (late fees and interest are damages, outside the scope of VAT in the EU);
   * `true` applies the customer's tax rates.
   */
  fees: z
    .strictObject({
      billing: z.enum(['invoice', 'next_invoice']).default('invoice'),
      taxable: z.boolean().default(false),
      billingCodes: z
        .strictObject({
          reminder: BillingCodeSchema.default('LATE-FEE'),
          interest: BillingCodeSchema.default('LATE-INTEREST'),
          compensation: BillingCodeSchema.default('LATE-COMP'),
        })
        .default({ reminder: 'LATE-FEE', interest: 'LATE-INTEREST', compensation: 'LATE-COMP' }),
    })
    .default({
      billing: 'invoice',
      taxable: false,
      billingCodes: { reminder: 'LATE-FEE', interest: 'LATE-INTEREST', compensation: 'LATE-COMP' },
    }),
  /**
   * What an overdue invoice does to its subscription, in days after it became overdue: `past_due`, then optionally
   * `unpaid`, `suspended` (service stops until payment; still billed) and `canceled` (ends it). Paying the overdue
   * invoices makes it `active` again (not after a cancel). `false`: subscriptions are left active.
   */
  dunning: z
    .union([
      z.literal(false),
      z.strictObject({
        pastDueAfterDays: z.number().int().min(0).max(3650).default(0),
        unpaidAfterDays: z.number().int().min(0).max(3650).optional(),
        suspendAfterDays: z.number().int().min(0).max(3650).optional(),
        cancelAfterDays: z.number().int().min(0).max(3650).optional(),
      }),
    ])
    .default({ pastDueAfterDays: 0 }),
  /**
   * Retries of failed automatic charges, for the payments engine: one retry `scheduleDays[i]` days after the i-th
   * failed attempt; a hard decline (`Decline.kind === 'hard'`) `stop`s the retries or `continue`s them. Validated
   * and kept here; the collections run charges nothing itself.
   */
  retries: z
    .strictObject({
      scheduleDays: z.array(z.number().int().min(1).max(90)).max(20).default([1, 3, 5, 7]),
      hardDecline: z.enum(['stop', 'continue']).default('stop'),
    })
    .default({ scheduleDays: [1, 3, 5, 7], hardDecline: 'stop' }),
};

/** A whole policy as resolved: every part present. */
export type CollectionsPolicy = {
  readonly [K in keyof typeof parts]: z.output<(typeof parts)[K]>;
};

/** Where a policy breaks its rules (each with the path of the bad field), for the schema and for merged policies. */
function policyIssues(policy: CollectionsPolicy): { path: (string | number)[]; message: string }[] {
  const issues: { path: (string | number)[]; message: string }[] = [];
  policy.reminders.steps.forEach((step, index) => {
    const previous = policy.reminders.steps[index - 1];
    if (previous !== undefined && step.days <= previous.days) {
      issues.push({ path: ['reminders', 'steps', index, 'days'], message: 'steps must come in increasing days' });
    }
  });
  if (policy.reminders.repeat !== undefined && policy.reminders.steps.length === 0) {
    issues.push({ path: ['reminders', 'repeat'], message: 'a repeat follows the last step: give at least one step' });
  }
  if (policy.dunning !== false) {
    const order = ['pastDueAfterDays', 'unpaidAfterDays', 'suspendAfterDays', 'cancelAfterDays'] as const;
    let last = -1;
    for (const stage of order) {
      const days = policy.dunning[stage];
      if (days === undefined) continue;
      if (days < last) issues.push({ path: ['dunning', stage], message: 'dunning steps must not go back in days' });
      last = days;
    }
  }
  if (policy.fees.billing === 'next_invoice' && !policy.fees.taxable) {
    issues.push({
      path: ['fees', 'taxable'],
      message: 'a fee on the next invoice is taxed like that invoice: set taxable to true, or bill fees as invoices',
    });
  }
  return issues;
}

/** The account's collections policy as a host gives it (engine config `collections`); every part has a default. */
export const CollectionsPolicyInputSchema = z.strictObject(parts).superRefine((policy, ctx) => {
  for (const issue of policyIssues(policy as CollectionsPolicy)) ctx.addIssue({ code: 'custom', ...issue });
});

/** The account's collections policy as a host gives it; see {@link CollectionsPolicyInputSchema}. */
export type CollectionsPolicyInput = z.input<typeof CollectionsPolicyInputSchema>;

/** A named policy: the parts that differ from the account's (each part given replaces the account's whole). */
export const CollectionsPolicyOverrideSchema = z.strictObject({
  reminders: parts.reminders.optional(),
  graceDays: parts.graceDays.optional(),
  interest: parts.interest.optional(),
  fees: parts.fees.optional(),
  dunning: parts.dunning.optional(),
  retries: parts.retries.optional(),
});

/** A named policy; see {@link CollectionsPolicyOverrideSchema}. */
export type CollectionsPolicyOverride = z.input<typeof CollectionsPolicyOverrideSchema>;

/** The collections policies of an engine: the account's, and the named ones. */
export interface CollectionsConfig {
  readonly policy: CollectionsPolicy;
  readonly named: ReadonlyMap<string, CollectionsPolicy>;
}

/**
 * The engine's policies from its config: the account's (defaults filled in) and each named one merged over it.
 * @throws BillingError `invalid_input` at `["config", "collectionsPolicies", name, …]` for a named policy whose
 * merge breaks a rule (a repeat without steps, dunning days going back, …).
 */
export function resolveCollectionsConfig(
  policy: z.output<typeof CollectionsPolicyInputSchema> | undefined,
  overrides: Readonly<Record<string, z.output<typeof CollectionsPolicyOverrideSchema>>>,
): CollectionsConfig {
  const account = (policy ?? CollectionsPolicyInputSchema.parse({})) as CollectionsPolicy;
  const named = new Map<string, CollectionsPolicy>();
  for (const [name, override] of Object.entries(overrides)) {
    const given = Object.fromEntries(Object.entries(override).filter(([, value]) => value !== undefined));
    const merged = { ...account, ...given } as CollectionsPolicy;
    const [issue] = policyIssues(merged);
    if (issue !== undefined) {
      const path = ['config', 'collectionsPolicies', name, ...issue.path];
      throw new BillingError(BillingErrorCode.invalidInput, `Invalid ${path.join('.')}: ${issue.message}`, { path });
    }
    named.set(name, merged);
  }
  return { policy: account, named };
}

/**
 * The policy of a name (`customer.collectionsPolicy`, `subscription.collectionsPolicy`), or the account's when
 * there is none.
 * @throws BillingError `invalid_state` for a name the engine's config does not have (it was removed since).
 */
export function collectionsPolicy(config: CollectionsConfig, name: string | undefined): CollectionsPolicy {
  if (name === undefined) return config.policy;
  const found = config.named.get(name);
  if (found === undefined) {
    throw new BillingError(
      BillingErrorCode.invalidState,
      `No collections policy named "${name}" in the engine's config (collectionsPolicies)`,
    );
  }
  return found;
}

/**
 * Refuses a policy name the engine's config does not have, where a customer or subscription names one.
 * @throws BillingError `invalid_input` at `path`.
 */
export function assertPolicyName(
  config: CollectionsConfig,
  name: string | undefined,
  path: readonly (string | number)[],
): void {
  if (name === undefined || config.named.has(name)) return;
  const known = [...config.named.keys()];
  throw new BillingError(
    BillingErrorCode.invalidInput,
    `Invalid ${path.join('.')}: no collections policy named "${name}" (config.collectionsPolicies has ${known.length === 0 ? 'none' : known.join(', ')})`,
    { path },
  );
}
