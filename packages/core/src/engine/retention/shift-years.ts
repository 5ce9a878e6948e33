/**
 * The instant `years` calendar years after (negative: before) `instant`, in UTC; a 29 February with no match
 * becomes 28 February. `shiftYears("2026-03-31T10:00:00.000Z", 10)` is `"2036-03-31T10:00:00.000Z"`.
 */
export function shiftYears(instant: string | Date, years: number): string {
  const from = new Date(instant);
  const to = new Date(from.getTime());
  to.setUTCFullYear(from.getUTCFullYear() + years);
  // setUTCFullYear rolls 29 Feb over into 1 Mar in a common year: clamp to the month's last day instead
  if (to.getUTCMonth() !== from.getUTCMonth()) to.setUTCDate(0);
  return to.toISOString();
}
