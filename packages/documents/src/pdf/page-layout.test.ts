import { describe, expect, it } from 'vitest';
import { FontSet } from './font-set';
import { PageLayout } from './page-layout';
import { defaultFontSources } from './platform.node';

describe('PageLayout.wrap', () => {
  const layout = new PageLayout(new FontSet(defaultFontSources()), 'A4');
  const style = { size: 10 };
  const width = 120;
  const fits = (line: string) => layout.fonts.width(line, 10, 'regular') <= width;

  it('breaks at spaces, keeps every word, and never exceeds the width', () => {
    const text = 'Hosting plan Pro with priority support and daily backups for one month';
    const lines = layout.wrap(text, width, style);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.every(fits)).toBe(true);
    expect(lines.join(' ')).toBe(text);
  });

  it('breaks a word longer than the width anywhere, and honours line breaks', () => {
    const lines = layout.wrap(`${'X'.repeat(80)}\nnext`, width, style);
    expect(lines.every(fits)).toBe(true);
    expect(lines.slice(0, -1).join('')).toBe('X'.repeat(80));
    expect(lines.at(-1)).toBe('next');
  });

  it('cuts at maxLines with an ellipsis that still fits', () => {
    const lines = layout.wrap('word '.repeat(2000), width, style, 3);
    expect(lines).toHaveLength(3);
    expect(lines[2]?.endsWith('…')).toBe(true);
    expect(lines.every(fits)).toBe(true);
    expect(layout.wrap('short text', width, style, 3)).toEqual(['short text']);
  });

  it('breaks pages when a paragraph runs past the bottom', () => {
    const paged = new PageLayout(new FontSet(defaultFontSources()), 'Letter');
    let headers = 0;
    paged.onNewPage = () => {
      headers++;
    };
    paged.paragraph('line\n'.repeat(200), paged.left, paged.contentWidth, { size: 10 });
    expect(paged.pages.length).toBeGreaterThan(2);
    expect(headers).toBe(paged.pages.length - 1);
    expect(paged.width).toBe(612);
  });
});
