import { describe, expect, it } from 'vitest';
import { findLine, lineMarkup, pangoFont } from './text-line';

describe('lineMarkup', () => {
  it('escapes the line, colours it, and wraps it in invisible struts and a baseline marker', () => {
    const m = lineMarkup('<b>Tom & Åsa</b> 🎉', { size: 50, color: '#ff8800' });
    expect(m).toContain('<span foreground="#ff8800">&lt;b&gt;Tom &amp; Åsa&lt;/b&gt; 🎉</span>');
    expect(m.startsWith('<span font_desc="DejaVu Sans 50px" foreground="#000000">H</span>')).toBe(true);
    // Struts: twice the size, invisible, raised and lowered by half the size (in Pango units).
    expect(m).toContain('<span font_desc="DejaVu Sans 100px" fgalpha="1" rise="25600">\u2588</span>');
    expect(m).toContain('<span font_desc="DejaVu Sans 100px" fgalpha="1" rise="-25600">\u2588</span>');
    expect(m.endsWith('fgalpha="1" rise="0">\u2588</span>')).toBe(true);
  });

  it('describes the style as a Pango font', () => {
    expect(pangoFont({ font: 'Brand Sans', bold: true, italic: true, size: 64 })).toBe('Brand Sans, Bold Italic 64px');
    expect(pangoFont({ font: 'DejaVu Sans', bold: false, italic: false, size: 20 })).toBe('DejaVu Sans, 20px');
  });
});

/** An RGBA image from rows of characters: '.' transparent, '#' opaque, digits 1–9 a ninth of opacity each. */
function image(rows: string[]): { data: Uint8Array; width: number; height: number } {
  const width = rows[0]!.length;
  const data = new Uint8Array(width * rows.length * 4);
  rows.forEach((row, y) => {
    [...row].forEach((c, x) => {
      data[(y * width + x) * 4 + 3] = c === '#' ? 255 : c === '.' ? 0 : Math.round((Number(c) / 9) * 255);
    });
  });
  return { data, width, height: rows.length };
}

describe('findLine', () => {
  it('reads the baseline from the marker’s stem and crops the line to its pixels', () => {
    const img = image([
      '..........',
      '#.#....##.',
      '###....#..',
      '#.#...###.',
      '#.#.......',
      '..........',
    ]);
    const r = findLine(img.data, img.width, img.height);
    expect(r).toEqual({ crop: { left: 6, top: 1, width: 3, height: 3 }, baseline: 4 });
  });

  it('places the baseline inside a row by the foot’s coverage', () => {
    const img = image(['#...#', '#....', '4....']);
    expect(findLine(img.data, img.width, img.height)!.baseline).toBeCloseTo(2 + 4 / 9 + 0, 1);
  });

  it('answers null for a line that shows nothing, and refuses an image without the marker', () => {
    const empty = image(['#....', '#....']);
    expect(findLine(empty.data, empty.width, empty.height)).toBeNull();
    const none = image(['.....']);
    expect(() => findLine(none.data, none.width, none.height)).toThrow(/marker/);
  });
});
