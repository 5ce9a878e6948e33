import type { CreditNote } from '../../domain/credit-note';
import type { Invoice, InvoiceLine } from '../../domain/invoice';
import type { Subscription } from '../../domain/subscription';
import { parseFixed } from '../../money/fixed';
import type { Money } from '../../money/money';
import type { RoundingMode } from '../../money/rounding-mode';
import type { StorageSession } from '../../storage/storage-adapter';
import type { Span } from '../run-cycle/schedule';
import { addRatio, divRatio, mulRatio, type Ratio, ratioOf, roundRatio, shareFrom, ZERO_RATIO } from './exact-share';

/**
 * One charge for part of a subscription's current period: an in-advance line of the period's invoice, a
 * proration line of a `subscription_update` invoice of the period, or a pending proration line.
 */
export interface PeriodCharge {
  /** The catalog price charged (absent on lines without one). */
  readonly priceId?: string;
  /** The time the charge pays for; it ends at the current period's end. */
  readonly span: Span;
  /** What it charges before tax, as line amounts are entered (`amount − discountAmount`), less credit notes. */
  readonly net: Ratio;
  /** What it charges with tax (`taxableAmount + taxes`), less credit notes; zero for a pending line. */
  readonly gross: Ratio;
  /** `false` for a pending line (not invoiced yet). */
  readonly invoiced: boolean;
}

/** What the customer was charged for the subscription's current period. */
export interface CurrentPeriodCharges {
  readonly charges: readonly PeriodCharge[];
  /** Whether the subscription's coupon discounted the invoice that opened the current period. */
  readonly discounted: boolean;
  /** The invoice that opened the current period (else the first other one charged), for references. */
  readonly invoiceId?: string;
}

const isPeriodReason = (invoice: Invoice) =>
  invoice.billingReason === 'subscription_create' || invoice.billingReason === 'subscription_cycle';

/**
 * Reads what the customer was charged for the current period `[currentPeriodStart, currentPeriodEnd)`:
 * the in-advance lines of its period invoice and the proration lines of its `subscription_update` invoices
 * (void and draft invoices charge nothing; what credit notes took back is subtracted line by line, a credit
 * not tied to a line in proportion to each line), then the pending proration lines.
 */
export async function currentPeriodCharges(
  session: StorageSession,
  subscription: Subscription,
): Promise<CurrentPeriodCharges> {
  const { currentPeriodStart: start, currentPeriodEnd: end } = subscription;
  const charges: PeriodCharge[] = [];
  let discounted = false;
  let invoiceId: string | undefined;
  let cursor: string | undefined;
  do {
    const page = await session.invoices.list({
      subscriptionId: subscription.id,
      limit: 100,
      ...(cursor ? { cursor } : {}),
    });
    for (const invoice of page.items) {
      const opening = isPeriodReason(invoice) && invoice.periodStart === start;
      const update =
        invoice.billingReason === 'subscription_update' &&
        invoice.periodEnd === end &&
        (invoice.periodStart ?? '') >= start;
      if (opening && !isZero(invoice.discountTotal)) discounted = true;
      if (opening) invoiceId = invoice.id;
      if ((!opening && !update) || invoice.status === 'void' || invoice.status === 'draft') continue;
      invoiceId ??= invoice.id;
      charges.push(...invoiceCharges(invoice, await creditNotesOf(session, invoice.id), end));
    }
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  for (const line of subscription.pendingLines) {
    if (line.kind !== 'proration' || line.periodEnd !== end || line.periodStart === undefined) continue;
    charges.push({
      ...(line.priceId === undefined ? {} : { priceId: line.priceId }),
      span: { start: line.periodStart, end },
      net: ratioOf(parseFixed(line.amount)),
      gross: ZERO_RATIO,
      invoiced: false,
    });
  }
  return { charges, discounted, ...(invoiceId === undefined ? {} : { invoiceId }) };
}

/**
 * What the invoiced charges hold for the time from `at` on, with tax: the credit a customer ending the
 * subscription at `at` is owed. Summed exactly, rounded once.
 */
export function invoicedAfter(period: CurrentPeriodCharges, at: string, currency: string, mode: RoundingMode): Money {
  let sum = ZERO_RATIO;
  for (const charge of period.charges) {
    if (charge.invoiced) sum = addRatio(sum, shareFrom(charge.gross, charge.span, at));
  }
  return roundRatio(sum, currency, mode);
}

/**
 * What the customer was charged (invoiced or pending, before tax) for the time from `at` on, per price:
 * what a plan change credits as unused time. Summed exactly per price, rounded once; zero amounts left out.
 */
export function chargedAfterByPrice(
  period: CurrentPeriodCharges,
  at: string,
  currency: string,
  mode: RoundingMode,
): Map<string, Money> {
  const sums = new Map<string, Ratio>();
  for (const charge of period.charges) {
    if (charge.priceId === undefined) continue;
    sums.set(charge.priceId, addRatio(sums.get(charge.priceId) ?? ZERO_RATIO, shareFrom(charge.net, charge.span, at)));
  }
  const byPrice = new Map<string, Money>();
  for (const [priceId, sum] of sums) {
    const amount = roundRatio(sum, currency, mode);
    if (!amount.isZero()) byPrice.set(priceId, amount);
  }
  return byPrice;
}

/** The credit notes of one invoice. */
async function creditNotesOf(session: StorageSession, invoiceId: string): Promise<CreditNote[]> {
  const notes: CreditNote[] = [];
  let cursor: string | undefined;
  do {
    const page = await session.creditNotes.list({ invoiceId, limit: 100, ...(cursor ? { cursor } : {}) });
    notes.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return notes;
}

const r = (amount: string) => ratioOf(parseFixed(amount));
const isZero = (amount: string) => parseFixed(amount).units === 0n;
const lineGross = (line: InvoiceLine) =>
  line.taxes.reduce((sum, tax) => addRatio(sum, r(tax.amount)), r(line.taxableAmount));
const negate = (value: Ratio): Ratio => ({ num: -value.num, den: value.den });

/**
 * The period charges of one invoice's lines running to `end`, each scaled to what the invoice still holds of
 * it: its gross less the credit-note lines tied to it, less its share of the credit not tied to a line.
 */
function invoiceCharges(invoice: Invoice, notes: readonly CreditNote[], end: string): PeriodCharge[] {
  const tied = new Map<string, Ratio>();
  let untied = ZERO_RATIO;
  for (const note of notes) {
    for (const line of note.lines) {
      const gross = line.taxes.reduce((sum, tax) => addRatio(sum, r(tax.amount)), r(line.amount));
      if (line.invoiceLineId === undefined) untied = addRatio(untied, gross);
      else tied.set(line.invoiceLineId, addRatio(tied.get(line.invoiceLineId) ?? ZERO_RATIO, gross));
    }
  }
  const left = (line: InvoiceLine) => addRatio(lineGross(line), negate(tied.get(line.id) ?? ZERO_RATIO));
  const base = invoice.lines.reduce((sum, line) => addRatio(sum, left(line)), ZERO_RATIO);
  // The share of every line that untied credit notes left: (base − untied) / base.
  const kept = untied.num === 0n ? { num: 1n, den: 1n } : divRatio(addRatio(base, negate(untied)), base);
  const charges: PeriodCharge[] = [];
  for (const line of invoice.lines) {
    if (line.kind !== 'subscription' && line.kind !== 'proration') continue;
    if (line.periodStart === undefined || line.periodEnd !== end) continue;
    const gross = lineGross(line);
    const held = mulRatio(left(line), kept);
    const net = addRatio(r(line.amount), negate(r(line.discountAmount)));
    charges.push({
      ...(line.priceId === undefined ? {} : { priceId: line.priceId }),
      span: { start: line.periodStart, end: line.periodEnd },
      net: gross.num === 0n ? ZERO_RATIO : mulRatio(net, divRatio(held, gross)),
      gross: held,
      invoiced: true,
    });
  }
  return charges;
}
