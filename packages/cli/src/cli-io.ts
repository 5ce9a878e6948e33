/** What a command reads from and writes to, so tests can run commands in-process. */
export interface CliIo {
  /** Writes one line of the command's result (stdout). */
  out(line: string): void;
  /** Writes one line of progress, a warning or an error (stderr). */
  err(line: string): void;
  /** The folder relative paths (`--out`, `--data-dir`) are resolved against. */
  readonly cwd: string;
  /** Milliseconds since the command started, for progress lines. */
  elapsed(): number;
  /** The environment secrets are read from (`BILLFOLD_DATABASE_URL`); absent: none. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/**
 * The process's own streams. Relative paths resolve against the folder the user ran the command from: under
 * `pnpm demo` that is `INIT_CWD` (pnpm runs the script inside the package folder).
 */
export function processIo(): CliIo {
  const started = performance.now();
  return {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    cwd: process.env.INIT_CWD ?? process.cwd(),
    elapsed: () => performance.now() - started,
    env: process.env,
  };
}
