/** Exit codes: 0 done, 1 the work failed, 2 the command line was wrong. */
export const ExitCode = { ok: 0, failure: 1, usage: 2 } as const;

/** A command line Billfold cannot run (unknown command or flag, a bad value): exit code 2, with a hint to `--help`. */
export class UsageError extends Error {
  override readonly name = 'UsageError';

  /**
   * @param message what is wrong, in words a person can act on.
   * @param command the command whose help to point to (`demo`), if any.
   */
  constructor(
    message: string,
    readonly command?: string,
  ) {
    super(message);
  }
}
