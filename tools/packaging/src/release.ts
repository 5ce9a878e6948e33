/**
 * `pnpm release`: builds every package, packs it as it will be published, checks the tarballs (publint, attw,
 * the packed-manifest checks, and the strict consumer project compiled and run against them), then publishes
 * with `changeset publish` (only versions not yet on the registry; it tags each one).
 *
 * `pnpm release --dry-run` does everything but publish and touches no registry: it ends with what would be
 * published. The versions come from `pnpm changeset version` beforehand (see docs/releasing.md).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkPackedPackages } from './check-packed';
import { buildPackages, packPackages } from './pack';
import { runStrictConsumer } from './strict-consumer';
import { repoRoot } from './workspace';

const dryRun = process.argv.includes('--dry-run');

/** Why the release stopped, for the person running it. */
class ReleaseStopped extends Error {}

/** Stops the release with a reason. */
function refuse(reason: string): never {
  throw new ReleaseStopped(reason);
}

async function release(): Promise<void> {
  const pending = readdirSync(join(repoRoot, '.changeset')).filter(
    (file) => file.endsWith('.md') && file !== 'README.md',
  );
  if (pending.length > 0) {
    const advice = `${pending.length} changeset(s) not applied yet: run "pnpm changeset version", review and commit first`;
    if (!dryRun) refuse(advice);
    console.warn(`release (dry run): ${advice}; packing the current versions.`);
  }
  if (!dryRun) {
    const status = spawnSync('git', ['status', '--porcelain'], { cwd: repoRoot, encoding: 'utf8' });
    if (status.status !== 0 || status.stdout.trim() !== '')
      refuse('commit everything first: tags must name what was published');
  }

  const work = mkdtempSync(join(tmpdir(), 'billfold-release-'));
  try {
    console.log('release: building every package…');
    buildPackages();
    const packed = packPackages(join(work, 'packed'));
    console.log('release: checking the tarballs (publint, are-the-types-wrong, packed manifests)…');
    const problems = [...(await checkPackedPackages(packed))].filter(([, found]) => found.length > 0);
    if (problems.length > 0) {
      refuse(
        `the packed packages have problems:\n${problems.map(([name, found]) => `${name}:\n  ${found.join('\n  ')}`).join('\n')}`,
      );
    }
    console.log('release: installing them into the strict consumer project, compiling and running it…');
    const consumer = runStrictConsumer(packed, join(work, 'consumer'));
    console.log(`release: consumer ran: ${consumer.output.trim()}`);

    if (dryRun) {
      console.log('release (dry run): would publish');
      for (const pkg of packed) {
        console.log(`  ${pkg.name}@${pkg.version}  ${(statSync(pkg.tarball).size / 1024).toFixed(0)} KB packed`);
      }
      console.log('release (dry run): nothing was published; run "pnpm release" to publish.');
    } else {
      const publish = spawnSync(process.execPath, [join(repoRoot, 'node_modules/@changesets/cli/bin.js'), 'publish'], {
        cwd: repoRoot,
        stdio: 'inherit',
      });
      if (publish.status !== 0) refuse('changeset publish failed (see above)');
      console.log('release: published. Push the new tags: git push --follow-tags');
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

try {
  await release();
} catch (error) {
  if (!(error instanceof ReleaseStopped)) throw error;
  console.error(`release: ${error.message}`);
  process.exitCode = 1;
}
