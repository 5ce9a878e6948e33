const formatters = new Map<string, Intl.DateTimeFormat>();

/** How far `timeZone` is ahead of UTC at `instant`, in milliseconds (Berlin in winter: 3 600 000). */
function offsetMs(instant: number, timeZone: string): number {
  let format = formatters.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, format);
  }
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    Number(format.formatToParts(instant).find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return wall - Math.floor(instant / 1000) * 1000;
}

/**
 * The UTC instant at which a local calendar day begins in `timeZone`, as an ISO string: where an internet
 * provider that bills on the 1st anchors its customers' billing periods.
 * @param month 1–12.
 * @example
 * ```ts
 * localMidnight(2026, 1, 1, 'Europe/Berlin');    // "2025-12-31T23:00:00.000Z"
 * localMidnight(2026, 1, 1, 'America/New_York'); // "2026-01-01T05:00:00.000Z"
 * ```
 */
export function localMidnight(year: number, month: number, day: number, timeZone: string): string {
  const wall = Date.UTC(year, month - 1, day);
  let instant = wall - offsetMs(wall, timeZone);
  // Once more with the offset at the instant found, in case a DST change lies between the two.
  instant = wall - offsetMs(instant, timeZone);
  return new Date(instant).toISOString();
}
