import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'billfold-pdf-'));
let counter = 0;

function save(pdf: Uint8Array): string {
  const file = join(dir, `doc-${++counter}.pdf`);
  writeFileSync(file, pdf);
  return file;
}

/** The PDF's text per page, read back with poppler's `pdftotext` (pages split at form feeds). */
export function pdfPages(pdf: Uint8Array): string[] {
  const result = spawnSync('pdftotext', ['-enc', 'UTF-8', save(pdf), '-'], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`pdftotext failed: ${result.stderr}`);
  return result.stdout.split('\f').slice(0, -1);
}

/** One page rendered to grayscale pixels with `pdftoppm` (PGM), and where its PNG was written to look at. */
export function renderPage(
  pdf: Uint8Array,
  page: number,
  dpi = 50,
): { width: number; height: number; pixels: Uint8Array; png: string } {
  const file = save(pdf);
  const base = join(dir, `page-${counter}`);
  const gray = spawnSync('pdftoppm', [
    '-r',
    String(dpi),
    '-gray',
    '-f',
    String(page),
    '-l',
    String(page),
    '-singlefile',
    file,
    base,
  ]);
  if (gray.status !== 0) throw new Error(`pdftoppm failed: ${gray.stderr}`);
  spawnSync('pdftoppm', ['-r', '80', '-png', '-f', String(page), '-l', String(page), '-singlefile', file, base]);
  const pgm = readFileSync(`${base}.pgm`);
  // P5 header: "P5\n<width> <height>\n<max>\n" then one byte per pixel.
  const header = pgm
    .subarray(0, 40)
    .toString('latin1')
    .match(/^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/);
  if (!header) throw new Error('not a binary PGM');
  const width = Number(header[1]);
  const height = Number(header[2]);
  return { width, height, pixels: pgm.subarray(header[0].length), png: `${base}.png` };
}
