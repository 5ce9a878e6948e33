import { negated } from './amounts';
import type { Localizer } from './localizer';
import type { SummaryRow } from './summary-rows';

/** A labelled amount of a totals block, formatted for people; `emphasis` for a total or a balance. @internal */
export interface Figure {
  readonly label: string;
  readonly value: string;
  readonly emphasis: boolean;
}

/** The summary rows people see, amounts formatted (a subtracted row with its minus sign). @internal */
export function shownFigures(rows: readonly SummaryRow[], l10n: Localizer): Figure[] {
  return rows
    .filter((row) => row.visible)
    .map((row) => ({
      label: row.label,
      value: l10n.money(row.subtracted ? negated(row.amount) : row.amount),
      emphasis: row.emphasis,
    }));
}
