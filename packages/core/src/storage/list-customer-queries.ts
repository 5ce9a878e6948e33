import { listAll } from '../domain/list-all';
import { money } from '../money/money';
import { localDay } from '../periods/local-days';
import { Sums } from './money-sums';
import type { ReportQueries, SignupCohort, TrialCohort, UnappliedPayments, WaitingBankCredits } from './report-queries';
import type { BillingStorageAdapter } from './storage-adapter';

const RECEIVED = new Set(['succeeded', 'partially_refunded', 'refunded']);

/** The earliest instant per customer. */
function earliest(records: readonly { customerId: string; at: string | undefined }[]): Map<string, string> {
  const first = new Map<string, string>();
  for (const { customerId, at } of records) {
    if (at === undefined) continue;
    const known = first.get(customerId);
    if (known === undefined || at < known) first.set(customerId, at);
  }
  return first;
}

/**
 * The onboarding and cash queries (`signups`, `trials`, `waitingBankCredits`, `unappliedPayments`) from `list` calls;
 * sign-ups and trials fall in the month of the customer's calendar (their `timeZone`). @internal
 */
export function listCustomerQueries(
  storage: BillingStorageAdapter,
): Pick<ReportQueries, 'signups' | 'trials' | 'waitingBankCredits' | 'unappliedPayments'> {
  return {
    async signups({ from, to }) {
      const customers = (await listAll((page) => storage.customers.list(page))).filter(
        (c) => c.createdAt >= from && c.createdAt < to,
      );
      const invoices = await listAll((page) => storage.invoices.list(page));
      const firstInvoice = earliest(invoices.map((i) => ({ customerId: i.customerId, at: i.issuedAt })));
      const payments = await listAll((page) => storage.payments.list(page));
      const firstPayment = earliest(
        payments.filter((p) => RECEIVED.has(p.status)).map((p) => ({ customerId: p.customerId, at: p.receivedAt })),
      );
      const cohorts = new Map<
        string,
        { customers: number; invoiced: number; toInvoice: bigint; paid: number; toPayment: bigint }
      >();
      for (const customer of customers) {
        const month = localDay(customer.createdAt, customer.timeZone).slice(0, 7);
        const cohort = cohorts.get(month) ?? { customers: 0, invoiced: 0, toInvoice: 0n, paid: 0, toPayment: 0n };
        cohort.customers += 1;
        const signedUp = Date.parse(customer.createdAt);
        const invoiced = firstInvoice.get(customer.id);
        if (invoiced !== undefined) {
          cohort.invoiced += 1;
          cohort.toInvoice += BigInt(Date.parse(invoiced) - signedUp);
        }
        const paid = firstPayment.get(customer.id);
        if (paid !== undefined) {
          cohort.paid += 1;
          cohort.toPayment += BigInt(Date.parse(paid) - signedUp);
        }
        cohorts.set(month, cohort);
      }
      return [...cohorts].map(
        ([month, c]): SignupCohort => ({
          month,
          customers: c.customers,
          invoiced: c.invoiced,
          msToFirstInvoice: c.toInvoice.toString(),
          paid: c.paid,
          msToFirstPayment: c.toPayment.toString(),
        }),
      );
    },
    async trials({ from, to }) {
      const cohorts = new Map<string, { trials: number; converted: number }>();
      const zones = new Map<string, string>();
      for (const customer of await listAll((page) => storage.customers.list(page)))
        zones.set(customer.id, customer.timeZone);
      for (const subscription of await listAll((page) => storage.subscriptions.list(page))) {
        const end = subscription.trialEnd;
        if (end === undefined || end < from || end >= to) continue;
        const stopped = [subscription.canceledAt, subscription.endedAt].some((at) => at !== undefined && at <= end);
        const month = localDay(end, zones.get(subscription.customerId) ?? 'UTC').slice(0, 7);
        const cohort = cohorts.get(month) ?? { trials: 0, converted: 0 };
        cohort.trials += 1;
        if (!stopped) cohort.converted += 1;
        cohorts.set(month, cohort);
      }
      return [...cohorts].map(([month, c]): TrialCohort => ({ month, ...c }));
    },
    async waitingBankCredits() {
      const sums = new Sums<'proposed' | 'unmatched'>();
      const oldest = new Map<string, string>();
      for (const status of ['proposed', 'unmatched'] as const) {
        for (const credit of await listAll((page) => storage.bankCredits.list({ status, ...page }))) {
          const id = `${credit.currency}\u0000${status}`;
          sums.add(status, id, credit.currency, credit.amount);
          const known = oldest.get(id);
          if (credit.valueDate !== undefined && (known === undefined || credit.valueDate < known)) {
            oldest.set(id, credit.valueDate);
          }
        }
      }
      return sums.entries().map(({ key, currency, amount, count }): WaitingBankCredits => {
        const date = oldest.get(`${currency}\u0000${key}`);
        return {
          currency,
          status: key,
          credits: count,
          amount: amount.toString(),
          ...(date !== undefined ? { oldestValueDate: date } : {}),
        };
      });
    },
    async unappliedPayments() {
      const sums = new Sums<string>();
      for (const payment of await listAll((page) => storage.payments.list(page))) {
        if (payment.status !== 'succeeded' && payment.status !== 'partially_refunded') continue;
        if (money(payment.unapplied, payment.currency).compare(money('0', payment.currency)) <= 0) continue;
        sums.add(payment.currency, payment.currency, payment.currency, payment.unapplied);
      }
      return sums
        .entries()
        .map(
          ({ currency, amount, count }): UnappliedPayments => ({
            currency,
            payments: count,
            unapplied: amount.toString(),
          }),
        );
    },
  };
}
