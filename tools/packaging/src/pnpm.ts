import { spawnSync } from 'node:child_process';

/**
 * The pnpm running this process when there is one (`npm_execpath`, set by `pnpm test`, `pnpm release`, and
 * by `npx pnpm@…`, where no `pnpm` may be on PATH), else `pnpm` from PATH.
 */
function pnpmCommand(): [string, string[]] {
  const running = process.env.npm_execpath;
  if (running !== undefined && /pnpm\.c?js$/.test(running)) return [process.execPath, [running]];
  return ['pnpm', []];
}

/**
 * Runs pnpm with `args` in `cwd` and returns what it printed on stdout; throws with its output when it fails.
 * `env` is added to this process's environment.
 */
export function runPnpm(args: readonly string[], cwd: string, env: Record<string, string> = {}): string {
  const [command, prefix] = pnpmCommand();
  const result = spawnSync(command, [...prefix, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) {
    throw new Error(
      `pnpm ${args.join(' ')} failed in ${cwd} (${result.error?.message ?? `exit ${result.status}`}):\n${result.stdout}\n${result.stderr}`,
    );
  }
  return result.stdout;
}
