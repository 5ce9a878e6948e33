import { main } from '../../src/cli';
import type { CliIo } from '../../src/cli-io';

/** A {@link CliIo} that keeps what a command writes, for assertions. */
export interface CapturedIo extends CliIo {
  readonly stdout: string[];
  readonly stderr: string[];
}

/** Captures a command's output in memory; relative paths resolve against `cwd`. */
export function captureIo(cwd = process.cwd()): CapturedIo {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    out: (line) => stdout.push(...line.split('\n')),
    err: (line) => stderr.push(...line.split('\n')),
    cwd,
    // Stays at 0: progress lines only print once a command has run a while, so captured stderr stays quiet.
    elapsed: () => 0,
  };
}

/** Runs `billfold …args` in-process with its output captured; relative paths resolve against `cwd`. */
export async function runCli(cwd: string, ...args: string[]) {
  const io = captureIo(cwd);
  const code = await main(args, io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}
