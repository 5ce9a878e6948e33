import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root folder. */
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** A package.json as read from disk: the fields the packaging checks look at, and whatever else it holds. */
export interface Manifest {
  readonly name: string;
  readonly version: string;
  readonly private?: boolean;
  readonly [field: string]: unknown;
}

/** A package of the repository that is published to the registry. */
export interface PublishablePackage {
  /** Its folder, absolute. */
  readonly dir: string;
  /** Its folder relative to the repository root (`packages/core`). */
  readonly path: string;
  readonly manifest: Manifest;
}

/** Reads a JSON file. */
export function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

/**
 * Every package under `packages/` that is not private, in folder order: what a release publishes. A new folder
 * there is picked up without any list to update.
 */
export function publishablePackages(root = repoRoot): PublishablePackage[] {
  return readdirSync(join(root, 'packages'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(root, 'packages', entry.name, 'package.json')))
    .map((entry) => {
      const path = `packages/${entry.name}`;
      return { dir: join(root, path), path, manifest: readJson<Manifest>(join(root, path, 'package.json')) };
    })
    .filter((pkg) => pkg.manifest.private !== true)
    .sort((a, b) => a.path.localeCompare(b.path));
}

/** The file name `pnpm pack` gives a package's tarball, without the version: `@billfold/core` → `billfold-core.tgz`. */
export function tarballName(packageName: string): string {
  return `${packageName.replace(/^@/, '').replace('/', '-')}.tgz`;
}
