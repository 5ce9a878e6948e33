import { readFileSync } from 'node:fs';
import { createPackageFromTarballData, type Package } from '@arethetypeswrong/core';
import type { Manifest } from './workspace';

/** A package tarball opened in memory. */
export interface PackedContents {
  /** The package.json inside the tarball: what the registry and every consumer see. */
  readonly manifest: Manifest;
  /** Every file, relative to the package folder (`dist/index.js`), sorted. */
  readonly files: readonly string[];
  /** The tarball's bytes. */
  readonly bytes: Uint8Array;
  /** The same files as `@arethetypeswrong/core` reads them. */
  readonly attwPackage: Package;
}

/** Opens a `.tgz` made by `pnpm pack`. */
export function readPackedPackage(tarball: string): PackedContents {
  const bytes = new Uint8Array(readFileSync(tarball));
  const attwPackage = createPackageFromTarballData(bytes);
  const prefix = `/node_modules/${attwPackage.packageName}/`;
  const files = attwPackage
    .listFiles()
    .map((file) => file.slice(prefix.length))
    .sort();
  const manifest = JSON.parse(attwPackage.readFile(`${prefix}package.json`)) as Manifest;
  return { manifest, files, bytes, attwPackage };
}
