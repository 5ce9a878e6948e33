import { spawnSync } from 'node:child_process';

/** Whether `pdftotext` (poppler-utils) is here; in CI (`CI` set) a missing tool fails the suite instead of skipping it. */
export const pdftotext = (() => {
  const found = spawnSync('pdftotext', ['-v'], { stdio: 'ignore' }).error === undefined;
  return {
    available: found,
    mustFail: !found && Boolean(process.env.CI),
    reason: 'pdftotext is not installed (apt-get install -y poppler-utils)',
  };
})();

/** The text of a PDF, read back with poppler's `pdftotext` from standard input. */
export function pdfText(pdf: Uint8Array): string {
  const result = spawnSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: pdf, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`pdftotext failed: ${result.stderr}`);
  return result.stdout;
}

/** The text of an HTML body: tags dropped, the five entities decoded, whitespace collapsed. */
export function htmlText(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/[\s\u00a0\u202f]+/g, ' ');
}

/** Whitespace collapsed (no-break spaces too, as `Intl` puts them in amounts), to compare text across line breaks. */
export const flat = (text: string) => text.replace(/[\s\u00a0\u202f]+/g, ' ');
