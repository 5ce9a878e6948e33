import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { createPackageFromTarballData, type Package } from '@arethetypeswrong/core';
import type { Manifest } from './workspace';

/** A package tarball opened in memory. */
export interface PackedContents {
  /** The package.json inside the tarball: what the registry and every consumer see. */
  readonly manifest: Manifest;
  /** Every file, relative to the package folder (`dist/index.js`), sorted. */
  readonly files: readonly string[];
  /** Each file's size in bytes, unpacked, by its path relative to the package folder. */
  readonly sizes: ReadonlyMap<string, number>;
  /** The tarball's bytes. */
  readonly bytes: Uint8Array;
  /** The same files as `@arethetypeswrong/core` reads them. */
  readonly attwPackage: Package;
}

/** The size of every file in a gzipped tar, from its 512-byte headers (path without the leading `package/`). */
function fileSizes(tarball: Uint8Array): Map<string, number> {
  const tar = gunzipSync(tarball);
  const sizes = new Map<string, number>();
  const text = (start: number, length: number) =>
    tar
      .subarray(start, start + length)
      .toString('latin1')
      .replace(/\0.*$/s, '');
  for (let offset = 0; offset + 512 <= tar.length; ) {
    const name = text(offset, 100);
    if (name === '') break; // the two empty blocks that end the archive
    const size = Number.parseInt(text(offset + 124, 12).trim(), 8);
    const prefix = text(offset + 345, 155);
    if (text(offset + 156, 1) === '0' || text(offset + 156, 1) === '') {
      sizes.set((prefix === '' ? name : `${prefix}/${name}`).replace(/^package\//, ''), size);
    }
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return sizes;
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
  return { manifest, files, sizes: fileSizes(bytes), bytes, attwPackage };
}
