import { closeSync, ftruncateSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/*
 * A new PGlite folder from a prepared data directory, written by Node rather than by PGlite: PGlite's `loadDataDir`
 * writes each file through its WebAssembly file system, which for a folder costs about as much again as starting
 * the database. PGlite then opens the folder as an existing database. The prepared directory holds some 40 MB, a
 * quarter of it pages of zeros (most of them in the 16 MB WAL segment): those are left as holes of a sparse file,
 * which read back as zeros.
 */

/** A tar block; headers and file contents are aligned to it. */
const BLOCK = 512;
/** PostgreSQL's page: the unit checked for zeros. */
const PAGE = 8192;

/** The text of a NUL-terminated header field. */
function field(header: Uint8Array, offset: number, length: number): string {
  let end = offset;
  while (end < offset + length && header[end] !== 0) end += 1;
  return Buffer.from(header.subarray(offset, end)).toString('utf8');
}

const ZERO_PAGE = Buffer.alloc(PAGE);

/** Whether every byte of `bytes` (at most a page) is zero. */
function allZero(bytes: Uint8Array): boolean {
  return Buffer.compare(bytes, ZERO_PAGE.subarray(0, bytes.length)) === 0;
}

/** Writes `data` to a new file at `path`, skipping whole pages of zeros (the file keeps its full size). */
function writeSparse(path: string, data: Uint8Array): void {
  const fd = openSync(path, 'w', 0o600);
  try {
    let start = 0;
    while (start < data.length) {
      // The run of pages up to the next page of zeros is written in one call.
      let end = start;
      while (end < data.length && !allZero(data.subarray(end, Math.min(end + PAGE, data.length)))) end += PAGE;
      end = Math.min(end, data.length);
      if (end > start) writeSync(fd, data, start, end - start, start);
      start = end + PAGE;
    }
    ftruncateSync(fd, data.length);
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes the data directory held in `tar` (a ustar archive as PGlite's `dumpDataDir` makes it: directories and
 * regular files, names relative to the data directory) into `folder`, which must hold no database yet.
 * @throws Error for an archive entry that would land outside `folder`, or of another kind.
 * @internal
 */
export function writePGliteDataFolder(tar: Uint8Array, folder: string): void {
  const root = resolve(folder);
  mkdirSync(root, { recursive: true, mode: 0o700 });
  let offset = 0;
  while (offset + BLOCK <= tar.length) {
    const header = tar.subarray(offset, offset + BLOCK);
    const name = field(header, 0, 100);
    // Two zero blocks end the archive.
    if (name === '') return;
    const prefix = field(header, 345, 155);
    const size = Number.parseInt(field(header, 124, 12).trim() || '0', 8);
    const type = String.fromCharCode(header[156] as number);
    const path = join(root, prefix === '' ? name : `${prefix}/${name}`);
    const inside = relative(root, path);
    if (inside.startsWith(`..${sep}`) || inside === '..') throw new Error(`tar entry ${name} lies outside the folder`);
    offset += BLOCK;
    if (type === '5') {
      mkdirSync(path, { recursive: true, mode: 0o700 });
    } else if (type === '0' || type === '\0') {
      mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
      writeSparse(path, tar.subarray(offset, offset + size));
    } else {
      throw new Error(`tar entry ${name} is of type ${JSON.stringify(type)}, not a file or a directory`);
    }
    offset += Math.ceil(size / BLOCK) * BLOCK;
  }
}
