import { execFileSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { PackedPackage } from './pack';
import { runPnpm } from './pnpm';
import { repoRoot } from './workspace';

/** The example project: a user's TypeScript project over the packed packages (see its README). */
export const consumerProject = join(repoRoot, 'examples', 'consumer-strict');

/** What running the strict consumer did. */
export interface ConsumerRun {
  /** The copy of the project that was installed, compiled and run. */
  readonly dir: string;
  /** What its program printed. */
  readonly output: string;
  /** The PDF it wrote. */
  readonly pdf: string;
}

/**
 * Points a copy of the consumer's package.json at `packed` instead of `../../.packed/`: every `file:` tarball
 * it names must be one of the packed packages.
 */
function pointAtTarballs(manifestFile: string, packed: readonly PackedPackage[]): void {
  const byFile = new Map(packed.map((pkg) => [basename(pkg.tarball), pkg.tarball]));
  const text = readFileSync(manifestFile, 'utf8').replace(/"file:[^"]*\/([^/"]+\.tgz)"/g, (_, file: string) => {
    const tarball = byFile.get(file);
    if (tarball === undefined) throw new Error(`${manifestFile} names ${file}, which is not a packed package`);
    return JSON.stringify(`file:${tarball}`);
  });
  writeFileSync(manifestFile, text);
}

/**
 * Copies examples/consumer-strict to `dir`, installs the packed tarballs into it (pnpm, outside any workspace,
 * so each package sees only its declared dependencies), compiles it with its strict tsconfig (`skipLibCheck`
 * off: every shipped declaration file is checked) and runs it. Throws with the tool's output when a step fails.
 */
export function runStrictConsumer(packed: readonly PackedPackage[], dir: string): ConsumerRun {
  cpSync(consumerProject, dir, {
    recursive: true,
    // Only the project itself: not what an install or a run in place left there.
    filter: (source) => !/[/\\](node_modules|dist|pnpm-lock\.yaml|package-lock\.json|renewal\.pdf)$/.test(source),
  });
  pointAtTarballs(join(dir, 'package.json'), packed);
  runPnpm(['install', '--ignore-workspace', '--prefer-offline', '--config.confirmModulesPurge=false'], dir);
  runPnpm(['run', 'build'], dir);
  const pdf = join(dir, 'renewal.pdf');
  const output = execFileSync(process.execPath, ['dist/main.js', pdf], { cwd: dir, encoding: 'utf8' });
  return { dir, output, pdf };
}
