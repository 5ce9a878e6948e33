import { checkPackage, type Problem } from '@arethetypeswrong/core';
import { problemAffectsResolutionKind } from '@arethetypeswrong/core/problems';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { browserBundles } from './browser-bundles';
import type { PackedContents } from './packed-package';

/**
 * The module resolutions an ESM-only package must serve: Node's `import` and bundlers. `node10` (no `exports`
 * support) and `node16-cjs` (`require`) are left out on purpose: the packages are ESM only (see
 * docs/installing.md), which is what attw's `esm-only` profile checks too.
 */
const ESM_RESOLUTIONS = ['node16-esm', 'bundler'] as const;

/** publint's findings on the packed package, every level (errors, warnings and suggestions), as sentences. */
async function publintProblems(packed: PackedContents): Promise<string[]> {
  const tarball = packed.bytes.buffer.slice(
    packed.bytes.byteOffset,
    packed.bytes.byteOffset + packed.bytes.byteLength,
  ) as ArrayBuffer;
  const { messages, pkg } = await publint({ pack: { tarball }, level: 'suggestion', strict: true });
  return messages.map((message) => `publint ${message.code}: ${formatMessage(message, pkg, { color: false })}`);
}

/** Are-the-types-wrong's findings that affect ESM consumers (TypeScript with `node16`/`nodenext` or `bundler`). */
async function attwProblems(packed: PackedContents): Promise<string[]> {
  const result = await checkPackage(packed.attwPackage);
  if (result.types === false) {
    return packed.manifest.exports === undefined ? [] : ['attw: the package exports modules but ships no types'];
  }
  const affectsEsm = (problem: Problem) =>
    ESM_RESOLUTIONS.some((kind) => problemAffectsResolutionKind(problem, kind, result));
  // A self-contained browser bundle exported as a plain file (the elements' `./billfold-elements.js`) is a script
  // for a page without a bundler: it has no types on purpose, like `./browser/*`, which attw does not visit.
  const bundles = browserBundles(packed);
  const isSelfContainedBundle = (subpath: string) =>
    bundles.some((bundle) => bundle.subpath === subpath) &&
    bundles.every((bundle) => bundle.subpath !== subpath || bundle.importsPackages.length === 0);
  const isUntypedBundle = (problem: Problem) =>
    problem.kind === 'UntypedResolution' && isSelfContainedBundle(problem.entrypoint);
  return result.problems
    .filter((problem) => affectsEsm(problem) && !isUntypedBundle(problem))
    .map((problem) => `attw ${problem.kind}: ${JSON.stringify(problem)}`);
}

/**
 * Lints a packed package the way a careful consumer would find it: publint (manifest, `exports`, files) and
 * `@arethetypeswrong/core` (do the types resolve and match the JavaScript under `nodenext` and `bundler`).
 * Returns the problems as sentences; empty when clean. A package without `exports` has no types to check, and a
 * self-contained browser bundle exported as a plain file needs none.
 */
export async function lintTarball(packed: PackedContents): Promise<string[]> {
  return [...(await publintProblems(packed)), ...(await attwProblems(packed))];
}
