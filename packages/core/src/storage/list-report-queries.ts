import type { CollectionFeeKind } from '../domain/collection-fee';
import type { Invoice } from '../domain/invoice';
import { listAll } from '../domain/list-all';
import { failedPaymentRow } from './failed-payment-row';
import { money } from '../money/money';
import { listCustomerQueries } from './list-customer-queries';
import { listRevenueQueries } from './list-revenue-queries';
import { Sums } from './money-sums';
import { daysBetween, localDay } from '../periods/local-days';
import type {
  AgingBucket,
  AgingCell,
  FeeTotals,
  PendingPayouts,
  ReceivedPayment,
  Receivables,
  ReportQueries,
  ReportRange,
  StepRecovery,
} from './report-queries';
import type { BillingStorageAdapter } from './storage-adapter';

/** The bucket of a number of days past due: 0 or less is `current`, then 1–30, 31–60, 61–90, over 90. */
export function agingBucket(days: number): AgingBucket {
  if (days <= 0) return 'current';
  if (days <= 30) return '1-30';
  if (days <= 60) return '31-60';
  if (days <= 90) return '61-90';
  return '90+';
}

/**
 * Days an invoice is past due at `asOf`, in calendar days of `timeZone`: `localDay(asOf) − localDay(dueAt)` (0 or
 * less: not past due). Due dates are the last instant of a local day, so the next local day is day 1.
 * @example
 * ```ts
 * daysPastDue('2026-03-15T22:59:59.999Z', '2026-03-16T07:00:00.000Z', 'Europe/Berlin'); // 1
 * ```
 */
export function daysPastDue(dueAt: string, asOf: string, timeZone: string): number {
  return daysBetween(localDay(dueAt, timeZone), localDay(asOf, timeZone));
}

const inRange = (instant: string | undefined, range: ReportRange) =>
  instant !== undefined && instant >= range.from && instant < range.to;

/**
 * The report queries answered from `list` calls, for adapters without set-based ones (`storage.reports`): every
 * record the query needs is read page by page and summed in memory, exactly. Slower, never different: the kit
 * checks an adapter's own queries against these.
 */
export function listReportQueries(storage: BillingStorageAdapter): ReportQueries {
  const invoices = (status?: Invoice['status']) =>
    listAll((page) => storage.invoices.list({ ...(status !== undefined ? { status } : {}), ...page }));
  return {
    ...listRevenueQueries(storage),
    ...listCustomerQueries(storage),
    async aging({ asOf }) {
      const sums = new Sums<{ customerId: string; bucket: AgingBucket }>();
      const names = new Map<string, { id: string; name: string }>();
      for (const invoice of await invoices('open')) {
        if (invoice.issuedAt === undefined || invoice.issuedAt > asOf) continue;
        if (money(invoice.amountRemaining, invoice.currency).isZero()) continue;
        const zone = invoice.customerSnapshot?.timeZone ?? 'UTC';
        const days = invoice.dueAt === undefined ? 0 : daysPastDue(invoice.dueAt, asOf, zone);
        const bucket = agingBucket(days);
        const owner = `${invoice.customerId}\u0000${invoice.currency}`;
        sums.add(
          { customerId: invoice.customerId, bucket },
          `${owner}\u0000${bucket}`,
          invoice.currency,
          invoice.amountRemaining,
        );
        const named = names.get(owner);
        if (named === undefined || invoice.id > named.id) {
          names.set(owner, { id: invoice.id, name: invoice.customerSnapshot?.name ?? invoice.customerId });
        }
      }
      return sums.entries().map(
        ({ key, currency, amount, count }): AgingCell => ({
          customerId: key.customerId,
          customerName: names.get(`${key.customerId}\u0000${currency}`)?.name ?? key.customerId,
          currency,
          bucket: key.bucket,
          amount: amount.toString(),
          invoices: count,
        }),
      );
    },
    async paymentsReceived(range) {
      const numbers = new Map<string, string | undefined>();
      const received: ReceivedPayment[] = [];
      for (const payment of await listAll((page) => storage.payments.list(page))) {
        if (!inRange(payment.receivedAt, range) || payment.status === 'pending' || payment.status === 'failed')
          continue;
        const allocations = [];
        for (const allocation of payment.allocations) {
          if (!numbers.has(allocation.invoiceId)) {
            numbers.set(allocation.invoiceId, (await storage.invoices.get(allocation.invoiceId))?.number);
          }
          const number = numbers.get(allocation.invoiceId);
          allocations.push({ ...allocation, ...(number !== undefined ? { number } : {}) });
        }
        received.push({ payment, allocations });
      }
      return received;
    },
    async recoveredByStep(range) {
      const sums = new Sums<number>();
      for (const invoice of await invoices('paid')) {
        if (!inRange(invoice.paidAt, range)) continue;
        const step = invoice.remindersSent;
        sums.add(step, `${invoice.currency}\u0000${step}`, invoice.currency, invoice.amountPaid);
      }
      return sums.entries().map(
        ({ key, currency, amount, count }): StepRecovery => ({
          currency,
          reminderStep: key,
          invoices: count,
          amount: amount.toString(),
        }),
      );
    },
    async receivables(range) {
      const issued = new Sums<string>();
      const open = new Sums<string>();
      for (const invoice of await invoices()) {
        if (invoice.issuedAt === undefined || invoice.issuedAt >= range.to) continue;
        const { currency } = invoice;
        const invoiced = invoice.status !== 'void' && invoice.issuedAt >= range.from;
        const owed = invoice.status === 'open';
        if (!invoiced && !owed) continue;
        issued.add(currency, currency, currency, invoiced ? invoice.total : '0', invoiced ? 1 : 0);
        open.add(currency, currency, currency, owed ? invoice.amountRemaining : '0', owed ? 1 : 0);
      }
      const owedBy = new Map(open.entries().map((entry) => [entry.currency, entry]));
      return issued.entries().map(({ currency, amount, count }): Receivables => {
        const owed = owedBy.get(currency);
        return {
          currency,
          invoiced: amount.toString(),
          invoicesIssued: count,
          receivable: owed?.amount.toString() ?? '0',
          openInvoices: owed?.count ?? 0,
        };
      });
    },
    async fees(range) {
      const charged = new Sums<CollectionFeeKind>();
      const waived = new Sums<CollectionFeeKind>();
      for (const fee of await listAll((page) => storage.collectionFees.list(page))) {
        if (!inRange(fee.createdAt, range)) continue;
        const id = `${fee.currency}\u0000${fee.kind}`;
        charged.add(fee.kind, id, fee.currency, fee.amount);
        waived.add(fee.kind, id, fee.currency, fee.status === 'waived' ? fee.amount : '0', 0);
      }
      const waivedBy = new Map(waived.entries().map((entry) => [`${entry.currency}\u0000${entry.key}`, entry.amount]));
      return charged.entries().map(
        ({ key, currency, amount, count }): FeeTotals => ({
          currency,
          kind: key,
          fees: count,
          charged: amount.toString(),
          waived: (waivedBy.get(`${currency}\u0000${key}`) ?? money('0', currency)).toString(),
        }),
      );
    },
    async failedPayments(range) {
      const failed = await listAll((page) => storage.paymentAttempts.list({ status: 'failed', ...page }));
      const invoicesById = new Map<string, Invoice | undefined>();
      for (const id of new Set(failed.map((attempt) => attempt.invoiceId))) {
        invoicesById.set(id, await storage.invoices.get(id));
      }
      return failed.flatMap((attempt) => failedPaymentRow(attempt, invoicesById.get(attempt.invoiceId), range) ?? []);
    },
    async pendingPayouts() {
      const pending: PendingPayouts[] = [];
      for (const status of ['in_transit', 'review'] as const) {
        const sums = new Sums<string>();
        const oldest = new Map<string, string>();
        const payouts = storage.payouts;
        if (payouts === undefined) break;
        for (const payout of await listAll((page) => payouts.list({ status, ...page }))) {
          sums.add(payout.currency, payout.currency, payout.currency, payout.net);
          const before = oldest.get(payout.currency);
          if (before === undefined || payout.arrivalDate < before) oldest.set(payout.currency, payout.arrivalDate);
        }
        for (const { currency, amount, count } of sums.entries()) {
          pending.push({
            currency,
            status,
            payouts: count,
            amount: amount.toString(),
            oldestArrivalDate: oldest.get(currency) ?? '',
          });
        }
      }
      return pending;
    },
  };
}

/** The adapter's set-based report queries, or {@link listReportQueries} when it has none. */
export function reportQueries(storage: BillingStorageAdapter): ReportQueries {
  return storage.reports ?? listReportQueries(storage);
}
