import type { Localizer } from './localizer';

/**
 * The last instant inside a period whose `end` is exclusive (`[Jan 1, Feb 1)` → Jan 31, 23:59:59.999), so
 * that printed end dates are the last day served; an inclusive `end` stays on its own day.
 * @internal
 */
export function lastDay(start: string, end: string): string {
  const endMs = Date.parse(end);
  return endMs > Date.parse(start) ? new Date(endMs - 1).toISOString() : end;
}

/** A period as people read it, first and last day served: `1 Jan 2026 – 31 Jan 2026`. @internal */
export function periodText(l10n: Localizer, start: string, end: string): string {
  return `${l10n.date(start)} – ${l10n.date(lastDay(start, end))}`;
}
