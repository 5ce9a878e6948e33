/**
 * `pnpm pack:local`: builds every package and packs it into `.packed/` at the repository root
 * (`billfold-core.tgz`, …), to install by path before the packages are on the registry. See docs/installing.md.
 */
import { rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { buildPackages, packPackages } from './pack';
import { repoRoot } from './workspace';

const destination = join(repoRoot, '.packed');
rmSync(destination, { recursive: true, force: true });
console.log('building every package…');
buildPackages();
for (const pkg of packPackages(destination)) {
  console.log(`${pkg.name}@${pkg.version}  ${relative(process.cwd(), pkg.tarball)}`);
}
