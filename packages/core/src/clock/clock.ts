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
