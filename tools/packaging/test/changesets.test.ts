import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type Manifest, publishablePackages, readJson, repoRoot } from '../src/workspace';

/** Every workspace package.json (packages, examples, tools), relative to the root. */
function workspaceManifests(): string[] {
  return ['packages', 'examples', 'tools'].flatMap((folder) =>
    readdirSync(join(repoRoot, folder))
      .map((name) => `${folder}/${name}/package.json`)
      .filter((file) => existsSync(join(repoRoot, file))),
  );
}

const bump = (version: string) => version.split('.').map(Number) as [number, number, number];
const isAfter = (next: string, previous: string) => {
  const [a, b] = [bump(next), bump(previous)];
  return a[0] > b[0] || (a[0] === b[0] && (a[1] > b[1] || (a[1] === b[1] && a[2] > b[2])));
};

describe('changeset version on a copy of the repository', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'billfold-changesets-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('moves every published package to one new version, whatever package a changeset names', () => {
    const files = ['package.json', 'pnpm-workspace.yaml', ...workspaceManifests()];
    for (const file of files) {
      mkdirSync(dirname(join(scratch, file)), { recursive: true });
      cpSync(join(repoRoot, file), join(scratch, file));
    }
    cpSync(join(repoRoot, '.changeset'), join(scratch, '.changeset'), { recursive: true });
    const packages = publishablePackages();
    const last = packages.at(-1);
    if (last === undefined) throw new Error('no publishable package');
    // A patch to one package only: the fixed group must carry every other one along.
    writeFileSync(
      join(scratch, '.changeset', 'packaging-test.md'),
      `---\n'${last.manifest.name}': patch\n---\n\nA test change.\n`,
    );

    execFileSync(process.execPath, [join(repoRoot, 'node_modules/@changesets/cli/bin.js'), 'version'], {
      cwd: scratch,
      encoding: 'utf8',
    });

    const after = packages.map((pkg) => readJson<Manifest>(join(scratch, pkg.path, 'package.json')));
    const versions = new Set(after.map((manifest) => manifest.version));
    expect(versions.size).toBe(1);
    const [next] = [...versions] as [string];
    expect(isAfter(next, last.manifest.version)).toBe(true);
    for (const manifest of after) {
      for (const [name, spec] of Object.entries((manifest.dependencies ?? {}) as Record<string, string>)) {
        if (name.startsWith('@billfold/')) expect(`${name}: ${spec}`).toBe(`${name}: workspace:*`);
      }
    }
    // Private workspace packages (examples, tools) are never versioned.
    for (const file of workspaceManifests()) {
      const manifest = readJson<Manifest>(join(repoRoot, file));
      if (manifest.private) expect(readJson<Manifest>(join(scratch, file)).version).toBe(manifest.version);
    }
  });
});
