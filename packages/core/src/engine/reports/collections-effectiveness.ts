import type { CollectionFeeKind } from '../../domain/collection-fee';
import { divFixed, formatFixed, mulFixed, parseFixed } from '../../money/fixed';
import { money } from '../../money/money';
import type { FeeTotals, Receivables, ReportRange, StepRecovery } from '../../storage/report-queries';

/** How well collections worked in one currency over the range. */
export interface CollectionsEffectivenessRow {
  readonly currency: string;
  /** Σ totals of the invoices issued in the range (not voided). */
  readonly invoiced: string;
  /** Σ still owed on open invoices issued before the range's end. */
  readonly receivable: string;
  /**
   * Days sales outstanding: `receivable / invoiced × days in the range`, to one decimal; absent when nothing was
   * invoiced in the range.
   */
  readonly dso?: string;
  /** Invoices paid in the range, by the last reminder step reached before payment (0: paid without one). */
  readonly recoveredByStep: readonly {
    readonly reminderStep: number;
    readonly invoices: number;
    readonly amount: string;
  }[];
  /** Past-due fees created in the range, by kind. */
  readonly fees: readonly {
    readonly kind: CollectionFeeKind;
    readonly fees: number;
    readonly charged: string;
    readonly waived: string;
  }[];
}

/** Collections effectiveness: DSO, what was recovered at which reminder step, and fees, per currency. */
export interface CollectionsEffectivenessReport extends ReportRange {
  /** The range's length in days (decimal when it is not whole days). */
  readonly days: string;
  /** One per currency, alphabetically. */
  readonly currencies: readonly CollectionsEffectivenessRow[];
}

const DAY_MS = 86_400_000n;

/**
 * The collections effectiveness report (pure). DSO: receivable 1,500.00 and invoiced 3,000.00 over a 30-day range
 * give 1,500.00 / 3,000.00 × 30 = 15.0 days.
 */
export function buildCollectionsEffectiveness(
  parts: {
    readonly receivables: readonly Receivables[];
    readonly recovered: readonly StepRecovery[];
    readonly fees: readonly FeeTotals[];
  },
  range: ReportRange,
): CollectionsEffectivenessReport {
  const elapsed = BigInt(Date.parse(range.to) - Date.parse(range.from));
  const days = divFixed({ units: elapsed, scale: 0 }, { units: DAY_MS, scale: 0 }, 3, 'half-up');
  const currencies = new Set([
    ...parts.receivables.map((r) => r.currency),
    ...parts.recovered.map((r) => r.currency),
    ...parts.fees.map((f) => f.currency),
  ]);
  const rows = [...currencies].sort().map((currency): CollectionsEffectivenessRow => {
    const m = (amount: string) => money(amount, currency);
    const own = parts.receivables.find((r) => r.currency === currency);
    const invoiced = m(own?.invoiced ?? '0');
    const receivable = m(own?.receivable ?? '0');
    const dso =
      invoiced.isZero() || invoiced.isNegative()
        ? undefined
        : formatFixed(divFixed(mulFixed(receivable.fixed, days), invoiced.fixed, 1, 'half-up'), 1);
    return {
      currency,
      invoiced: invoiced.toString(),
      receivable: receivable.toString(),
      ...(dso !== undefined ? { dso } : {}),
      recoveredByStep: parts.recovered
        .filter((r) => r.currency === currency)
        .sort((a, b) => a.reminderStep - b.reminderStep)
        .map((r) => ({ reminderStep: r.reminderStep, invoices: r.invoices, amount: m(r.amount).toString() })),
      fees: parts.fees
        .filter((f) => f.currency === currency)
        .sort((a, b) => (a.kind < b.kind ? -1 : 1))
        .map((f) => ({ kind: f.kind, fees: f.fees, charged: m(f.charged).toString(), waived: m(f.waived).toString() })),
    };
  });
  return { from: range.from, to: range.to, days: formatFixed(parseFixed(formatFixed(days))), currencies: rows };
}
