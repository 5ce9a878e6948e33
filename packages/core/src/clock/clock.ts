/**
 * The only source of "now" in Billfold. Hosts pass {@link systemClock} in production and a
 * {@link TestClock} in tests and demos.
 */
export interface Clock {
  /** The current instant. */
  now(): Date;
}

/** The real clock: the one place Billfold reads the system time. */
export const systemClock: Clock = {
  now: () => new Date(Date.now()),
};

/**
 * A monotonic reading in milliseconds, for measuring how long work took (metrics, progress): never an instant of
 * billing, which comes only from a {@link Clock}.
 */
export function monotonicMs(): number {
  return performance.now();
}
