/** Reports the steps of a long command, one line each, so a slow run shows what it is doing. */
export interface Progress {
  /** Runs `work` as a named step; `detail` describes its result on the progress line. */
  step<T>(label: string, work: () => Promise<T>, detail?: (result: T) => string): Promise<T>;
}

/** A progress reporter that says nothing (tests, `--quiet`). */
export const silentProgress: Progress = { step: (_label, work) => work() };

/** Options of {@link createProgress}. */
export interface ProgressOptions {
  /** Where lines go (stderr, so stdout stays the command's result). */
  readonly write: (line: string) => void;
  /** Milliseconds since the command started (a monotonic timer). */
  readonly elapsed: () => number;
  /** Stay quiet until the command has run this long (default 1000 ms): short runs print no progress. */
  readonly afterMs?: number;
}

/**
 * Creates a progress reporter that prints a line when a step ends (`[2.4s] 2026-02 billing run: 41 invoices
 * (0.35s)`), but only once the command has been running for `afterMs`, so quick runs stay quiet.
 */
export function createProgress(options: ProgressOptions): Progress {
  const afterMs = options.afterMs ?? 1000;
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)}s`;
  return {
    async step(label, work, detail) {
      const started = options.elapsed();
      const result = await work();
      const ended = options.elapsed();
      if (ended >= afterMs) {
        const what = detail === undefined ? label : `${label}: ${detail(result)}`;
        options.write(`[${seconds(ended)}] ${what} (${seconds(ended - started)})`);
      }
      return result;
    },
  };
}
