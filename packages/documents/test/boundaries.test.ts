import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const srcDir = join(import.meta.dirname, '..', 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

// bidi-js: the Unicode Bidirectional Algorithm for right-to-left text in PDFs (pure JavaScript, browsers too).
const allowed = ['@billfold/core', 'pdf-lib', '@pdf-lib/fontkit', 'bidi-js', 'zod', '#platform'];
const NODE_ONLY = join('pdf', 'platform.node.ts');

describe('documents boundaries', () => {
  const files = sourceFiles(srcDir);

  it('finds the sources it checks', () => {
    expect(files.length).toBeGreaterThan(30);
  });

  it('imports only core, pdf-lib, fontkit, bidi-js and zod; node:* only in the Node platform module', () => {
    const offenders: string[] = [];
    for (const file of files) {
      const name = relative(srcDir, file);
      for (const match of readFileSync(file, 'utf8').matchAll(/from\s+'([^']+)'/g)) {
        const specifier = match[1] as string;
        if (specifier.startsWith('.')) continue;
        if (specifier.startsWith('node:') && name === NODE_ONLY) continue;
        const pkg = specifier.startsWith('@')
          ? specifier.split('/').slice(0, 2).join('/')
          : (specifier.split('/')[0] as string);
        if (!allowed.includes(pkg)) offenders.push(`${name} imports ${specifier}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('never reads the wall clock: documents carry the invoice’s dates', () => {
    const offenders = files.filter((file) =>
      /Date\.now\(|new Date\(\)|performance\.now\(/.test(readFileSync(file, 'utf8')),
    );
    expect(offenders.map((file) => relative(srcDir, file))).toEqual([]);
  });

  it('keeps files of one purpose (under 300 lines)', () => {
    const long = files.filter((file) => readFileSync(file, 'utf8').split('\n').length > 300);
    expect(long.map((file) => relative(srcDir, file))).toEqual([]);
  });
});
