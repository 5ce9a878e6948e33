import { en } from '../messages/en';
import { negated } from './amounts';
import type { DocumentLine, DocumentTier } from './document-model';
import type { Localizer } from './localizer';
import { periodText } from './period';
import { isZeroDecimal } from './zero-decimal';

/**
 * One tier of a graduated line as people read it: `"2 × €0.50 (above 10)"`, `"10 × €0.00 (up to 10)"`, with
 * `" + €1.50"` for a tier's flat amount.
 * @internal
 */
export function tierText(tier: DocumentTier, l10n: Localizer): string {
  const range = l10n.messages.tierRange ?? en.tierRange;
  const from = isZeroDecimal(tier.from) ? undefined : l10n.quantity(tier.from);
  const upTo = tier.upTo === undefined ? undefined : l10n.quantity(tier.upTo);
  const flat =
    tier.flatAmount === undefined || isZeroDecimal(tier.flatAmount) ? '' : ` + ${l10n.money(tier.flatAmount)}`;
  return `${l10n.quantity(tier.quantity)} × ${l10n.money(tier.unitAmount)}${flat} (${range?.(from, upTo) ?? ''})`;
}

/**
 * What a line prints under its description, in order: its service period, its tiers, its billing code and its
 * discount. HTML and PDF print the same.
 * @internal
 */
export function lineDetails(line: DocumentLine, l10n: Localizer): string[] {
  const details: string[] = [];
  if (line.periodStart && line.periodEnd) details.push(periodText(l10n, line.periodStart, line.periodEnd));
  for (const tier of line.tiers ?? []) details.push(tierText(tier, l10n));
  if (line.billingCode) details.push(line.billingCode);
  if (!isZeroDecimal(line.discountAmount)) {
    details.push(`${l10n.messages.discount} ${l10n.money(negated(line.discountAmount))}`);
  }
  return details;
}
