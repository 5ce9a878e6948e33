import { mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { runPnpm } from './pnpm';
import { publishablePackages, repoRoot, tarballName } from './workspace';

/** One package packed as it would be published. */
export interface PackedPackage {
  readonly name: string;
  readonly version: string;
  /** Its folder relative to the repository root (`packages/core`). */
  readonly path: string;
  /** The tarball, absolute: `<destination>/billfold-core.tgz` (no version in the name, so paths stay stable). */
  readonly tarball: string;
}

/** Builds every package under `packages/` (the root `build` script: tsup, ESM and declarations). */
export function buildPackages(root = repoRoot): void {
  runPnpm(['run', 'build'], root);
}

/**
 * Packs every publishable package into `destination` with `pnpm pack`, exactly as `pnpm publish` would:
 * `workspace:*` becomes the real version and the `.pnpmfile.cjs` `beforePacking` hook drops what only the
 * repository uses. Build first ({@link buildPackages}): packing takes `dist/` as it is.
 */
export function packPackages(destination: string, root = repoRoot): PackedPackage[] {
  mkdirSync(destination, { recursive: true });
  return publishablePackages(root).map((pkg) => {
    const output = JSON.parse(runPnpm(['pack', '--json', '--pack-destination', destination], pkg.dir)) as {
      name: string;
      version: string;
      filename: string;
    };
    const tarball = join(destination, tarballName(output.name));
    renameSync(output.filename, tarball);
    return { name: output.name, version: output.version, path: pkg.path, tarball };
  });
}
