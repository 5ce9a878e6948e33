import type { CollectionFee } from '../../domain/collection-fee';
import type { Customer } from '../../domain/customer';
import type { Invoice } from '../../domain/invoice';
import { money } from '../../money/money';
import type { RoundingMode } from '../../money/rounding-mode';
import type { CollectionsPolicy } from './collections-policy';
import { overdueInstant, reminderSchedule, type ScheduledReminder } from './collections-schedule';
import {
  annualInterestRate,
  compensationCharge,
  type FeeCharge,
  interestCharge,
  reminderFeeCharge,
} from './fee-charges';
import { addDays, localDay } from '../../periods/local-days';

/** What the collections run does to one open invoice at `now` (before dunning, which needs its subscription). */
export interface InvoiceCollections {
  /** The invoice with `remindersSent`, `lastReminderAt`, `overdue` and `overdueAt` moved on; version unchanged. */
  readonly invoice: Invoice;
  /** The reminder to send now: the latest step due (earlier ones not yet reached are passed). */
  readonly reminder?: ScheduledReminder;
  /** Whether the invoice becomes overdue now. */
  readonly becameOverdue: boolean;
  /** The fees to charge with the reminder. */
  readonly charges: readonly FeeCharge[];
  /** The next instant of the invoice's own schedule (a reminder, becoming overdue), when there is one. */
  readonly next?: string;
  /** The customer's time zone the schedule is counted in (the one the due date was computed in). */
  readonly timeZone: string;
}

/** What {@link planInvoiceCollections} decides from. */
export interface InvoiceCollectionsInput {
  /** An open invoice with its issue and due dates. */
  readonly invoice: Invoice;
  readonly customer: Customer;
  /** The customer's policy (reminders, grace, fees). */
  readonly policy: CollectionsPolicy;
  /** The fees already charged for the invoice (waived ones too: their days and steps were charged). */
  readonly fees: readonly CollectionFee[];
  readonly now: string;
  readonly roundingMode: RoundingMode;
}

/**
 * Plans the collections of one open invoice at `now` (pure): the reminder steps due since the last run (the latest
 * is sent, earlier ones are passed; steps before the issue are passed without a reminder), the overdue flag at the
 * due date plus grace, and the fees of the reminder sent: its step's fee and, for a reminder after the due date,
 * interest for the late days since the last interest charge up to the day before the reminder's, and the
 * compensation once (business customers, a customer with a tax id). Invoices that bill fees (`collections_fee`)
 * are reminded but charged no fees.
 */
export function planInvoiceCollections(input: InvoiceCollectionsInput): InvoiceCollections {
  const { invoice, customer, policy, fees, now, roundingMode } = input;
  const timeZone = invoice.customerSnapshot?.timeZone ?? customer.timeZone;
  const dueDay = localDay(invoice.dueAt as string, timeZone);
  const schedule = reminderSchedule(policy, dueDay, timeZone);
  const reached = schedule.filter((step) => step.step > invoice.remindersSent && step.at <= now);
  const reminder = reached.filter((step) => step.at >= (invoice.issuedAt as string)).at(-1);
  const remindersSent = reached.at(-1)?.step ?? invoice.remindersSent;
  const overdueAt = overdueInstant(policy, dueDay, timeZone);
  const becameOverdue = !invoice.overdue && overdueAt <= now;

  const charges: FeeCharge[] = [];
  if (reminder !== undefined && invoice.billingReason !== 'collections_fee') {
    const owed = money(invoice.amountRemaining, invoice.currency);
    const charged = new Set(fees.map((fee) => fee.key));
    const add = (charge: FeeCharge | undefined) => {
      if (charge !== undefined && !charged.has(charge.key)) charges.push(charge);
    };
    if (reminder.fee !== undefined) add(reminderFeeCharge(reminder.fee, owed, reminder.step, roundingMode));
    if (reminder.days > 0 && policy.interest !== false) {
      const business = customer.taxIds.length > 0;
      const lastDay = fees
        .filter((fee) => fee.kind === 'interest' && fee.to !== undefined)
        .reduce<string | undefined>(
          (last, fee) => (last === undefined || (fee.to as string) > last ? fee.to : last),
          undefined,
        );
      const from = addDays(lastDay ?? dueDay, 1);
      const to = addDays(localDay(reminder.at, timeZone), -1);
      if (from <= to) {
        add(
          interestCharge(policy.interest, annualInterestRate(policy.interest, business), owed, from, to, roundingMode),
        );
      }
      if (business) add(compensationCharge(policy.interest, owed));
    }
  }

  const upcoming = schedule.find((step) => step.step > remindersSent)?.at;
  const candidates = [upcoming, invoice.overdue || becameOverdue ? undefined : overdueAt].filter(
    (at): at is string => at !== undefined && at > now,
  );
  const next = candidates.sort()[0];
  return {
    invoice: {
      ...invoice,
      remindersSent,
      ...(reminder !== undefined ? { lastReminderAt: now } : {}),
      ...(becameOverdue ? { overdue: true, overdueAt } : {}),
    },
    ...(reminder !== undefined ? { reminder } : {}),
    becameOverdue,
    charges,
    ...(next !== undefined ? { next } : {}),
    timeZone,
  };
}
