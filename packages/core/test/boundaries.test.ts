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

const allowedPackages = ['zod', 'date-fns', '@date-fns/tz', 'decimal.js', '@opentelemetry/api'];

describe('core boundaries', () => {
  const files = sourceFiles(srcDir);

  it('finds the sources it checks', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it('imports only pure dependencies (no I/O, no UI, no adapters)', () => {
    const offenders: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/from\s+'([^']+)'/g)) {
        const specifier = match[1] as string;
        if (specifier.startsWith('.')) continue;
        const pkg = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0];
        if (!allowedPackages.includes(pkg as string)) offenders.push(`${relative(srcDir, file)} imports ${specifier}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('never reads the system clock (time comes from the Clock adapter or the caller)', () => {
    const offenders = files
      .filter((file) => relative(srcDir, file) !== join('clock', 'clock.ts'))
      .filter((file) => /Date\.now\(|new Date\(\)|performance\.now\(/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(srcDir, file));
    expect(offenders).toEqual([]);
  });

  it('has no floats in money code paths: parseFloat and Number() on amounts are banned', () => {
    const offenders = files
      .filter((file) => /parseFloat\(|toFixed\(/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(srcDir, file));
    expect(offenders).toEqual([]);
  });
});
