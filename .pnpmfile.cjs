// The manifest a package is published with (`pnpm pack`, `pnpm publish`, `changeset publish`): the same as the
// workspace's, less what only makes sense inside this repository. pnpm rewrites `workspace:*` by itself.
//
// - The `@billfold/source` export condition points at TypeScript sources, which are not shipped: inside the
//   repository it lets tests and tsx run `src/` without a build; a consumer must only ever see `dist/`.
// - `devDependencies` (some are private workspace tools) and `scripts` (test, bench, build) are for developers
//   of the package, not for its users.

const SOURCE_CONDITION = '@billfold/source';

/** A conditional export or import target without the source condition, at every depth. */
function withoutSourceCondition(target) {
  if (target === null || typeof target !== 'object' || Array.isArray(target)) return target;
  const kept = {};
  for (const [condition, value] of Object.entries(target)) {
    if (condition !== SOURCE_CONDITION) kept[condition] = withoutSourceCondition(value);
  }
  return kept;
}

function beforePacking(manifest) {
  const published = { ...manifest };
  if (published.exports !== undefined) published.exports = withoutSourceCondition(published.exports);
  if (published.imports !== undefined) published.imports = withoutSourceCondition(published.imports);
  delete published.devDependencies;
  delete published.scripts;
  return published;
}

module.exports = { hooks: { beforePacking } };
