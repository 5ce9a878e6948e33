import { browserBundleProblems } from './browser-bundles';
import { lintTarball } from './lint-tarball';
import type { PackedPackage } from './pack';
import { readPackedPackage } from './packed-package';
import { packedProblems } from './packed-problems';

/**
 * Every problem of a set of packed packages, by package name (an empty list when a package is clean): the
 * checks of {@link packedProblems} against the set's one version, browser bundles that are not self-contained
 * ({@link browserBundleProblems}), then publint and attw ({@link lintTarball}).
 */
export async function checkPackedPackages(packed: readonly PackedPackage[]): Promise<Map<string, string[]>> {
  const versions = new Set(packed.map((pkg) => pkg.version));
  const lockstep = { version: packed[0]?.version ?? '', names: new Set(packed.map((pkg) => pkg.name)) };
  const problems = new Map<string, string[]>();
  for (const pkg of packed) {
    const contents = readPackedPackage(pkg.tarball);
    const found = [
      ...packedProblems(contents.manifest, contents.files, lockstep),
      ...browserBundleProblems(contents),
      ...(await lintTarball(contents)),
    ];
    if (versions.size > 1) found.unshift(`the packages are not in lockstep: ${[...versions].join(', ')}`);
    problems.set(pkg.name, found);
  }
  return problems;
}
