import { describe, expect, it } from 'vitest';
import { defaultTextStyle, type TextStyle } from '../model/draft';
import { boxSvg, escapeXml, graphemes, LINE_HEIGHT, sanitizeText, textBlock, textSvg, wrapLines, type Measure } from './text-svg';

/** 10 px per user-perceived character: easy to reason about, and emoji count as one. */
const perGrapheme: Measure = (s) => graphemes(s).length * 10;

const plain: TextStyle = { ...defaultTextStyle, size: 50, bold: false, stroke: null, box: null };

describe('escapeXml and sanitizeText', () => {
  it('escapes the five XML specials', () => {
    expect(escapeXml(`Tom & "Jerry" <3 'em >`)).toBe('Tom &amp; &quot;Jerry&quot; &lt;3 &apos;em &gt;');
  });

  it('drops control characters XML forbids, keeps newlines, turns tabs into spaces and CRLF into LF', () => {
    expect(sanitizeText('a\u0000b\u0007c\td\r\ne\rf\u001fg\u007f')).toBe('abc d\ne\nfg');
  });

  it('keeps emoji (surrogate pairs, ZWJ sequences, skin tones) and replaces lone surrogate halves', () => {
    const family = '👨‍👩‍👧';
    expect(sanitizeText(`hi 😀 ${family} 👍🏽`)).toBe(`hi 😀 ${family} 👍🏽`);
    expect(sanitizeText('a\ud83db')).toBe('a\ufffdb');
    expect(sanitizeText('a\ude00b')).toBe('a\ufffdb');
  });
});

describe('wrapLines', () => {
  it('fills each line greedily up to the width', () => {
    expect(wrapLines('aa bb cc dd', 50, perGrapheme)).toEqual(['aa bb', 'cc dd']);
    expect(wrapLines('aa bb cc dd', 49, perGrapheme)).toEqual(['aa', 'bb', 'cc', 'dd']);
    expect(wrapLines('aa bb cc dd', 1000, perGrapheme)).toEqual(['aa bb cc dd']);
  });

  it('breaks at explicit newlines and keeps blank lines', () => {
    expect(wrapLines('one\n\ntwo', 1000, perGrapheme)).toEqual(['one', '', 'two']);
  });

  it('collapses runs of spaces and trims line ends', () => {
    expect(wrapLines('  a    b  ', 1000, perGrapheme)).toEqual(['a b']);
  });

  it('breaks a word longer than a line between graphemes, never inside an emoji', () => {
    expect(wrapLines('abcdefg', 30, perGrapheme)).toEqual(['abc', 'def', 'g']);
    expect(wrapLines('x 👍🏽👍🏽👍🏽👍🏽', 20, perGrapheme)).toEqual(['x', '👍🏽👍🏽', '👍🏽👍🏽']);
  });

  it('puts at least one grapheme on a line even when nothing fits', () => {
    expect(wrapLines('ab', 5, perGrapheme)).toEqual(['a', 'b']);
  });
});

describe('textSvg', () => {
  const lines = [
    { text: 'Hello & <world>', width: 300 },
    { text: 'second', width: 200 },
  ];

  it('escapes the text and sets font, size, weight and style', () => {
    const { svg } = textSvg(lines, { ...plain, font: 'Liberation Serif', bold: true, italic: true });
    expect(svg).toContain('>Hello &amp; &lt;world&gt;</text>');
    expect(svg).not.toMatch(/<world>/);
    expect(svg).toContain('font-family="Liberation Serif"');
    expect(svg).toContain('font-size="50"');
    expect(svg).toContain('font-weight="bold"');
    expect(svg).toContain('font-style="italic"');
  });

  it('sizes the SVG around the widest line with a margin and centres the block', () => {
    const out = textSvg(lines, plain);
    const lineHeight = Math.round(50 * LINE_HEIGHT);
    const margin = Math.ceil(50 * 0.5 + 4);
    expect(out.width).toBe(300 + 2 * margin);
    expect(out.height).toBe(2 * lineHeight + 2 * margin);
    expect(out.centerX).toBe(out.width / 2);
    expect(out.centerY).toBe(out.height / 2);
    const ys = [...out.svg.matchAll(/<text x="[^"]+" y="([^"]+)"/g)].map((m) => Number(m[1]));
    expect(ys).toHaveLength(2);
    expect(ys[1]! - ys[0]!).toBeCloseTo(lineHeight, 1);
  });

  it('anchors lines at the block’s left edge, centre or right edge', () => {
    const xs = (align: TextStyle['align']) => {
      const { svg } = textSvg(lines, { ...plain, align });
      return { anchor: /text-anchor="(\w+)"/.exec(svg)![1], x: Number(/<text x="([^"]+)"/.exec(svg)![1]) };
    };
    const margin = Math.ceil(50 * 0.5 + 4);
    expect(xs('left')).toEqual({ anchor: 'start', x: margin });
    expect(xs('center')).toEqual({ anchor: 'middle', x: margin + 150 });
    expect(xs('right')).toEqual({ anchor: 'end', x: margin + 300 });
  });

  it('draws the stroke under the fill, twice as wide as the visible outline, and widens the margin for it', () => {
    const withStroke = textSvg(lines, { ...plain, stroke: { color: '#112233', width: 6 } });
    expect(withStroke.svg).toContain('stroke="#112233"');
    expect(withStroke.svg).toContain('stroke-width="12"');
    expect(withStroke.svg).toContain('paint-order="stroke fill"');
    expect(withStroke.svg).toContain('stroke-linejoin="round"');
    expect(withStroke.width).toBe(textSvg(lines, plain).width + 12);
    expect(textSvg(lines, { ...plain, stroke: { color: '#112233', width: 0 } }).svg).not.toContain('stroke=');
    expect(textSvg(lines, plain).svg).not.toContain('stroke=');
  });

  it('puts one rounded, translucent box behind the block with the padding around it', () => {
    const out = textSvg(lines, { ...plain, box: { color: '#ff0000', opacity: 0.5, padding: 20, radius: 12 } });
    const margin = Math.ceil(50 * 0.5 + 4);
    const rect = /<rect x="(\d+)" y="(\d+)" width="(\d+)" height="(\d+)" rx="12" ry="12" fill="#ff0000" fill-opacity="0.5"\/>/.exec(out.svg);
    expect(rect).not.toBeNull();
    expect(rect!.slice(1).map(Number)).toEqual([margin, margin, 300 + 40, 2 * Math.round(50 * LINE_HEIGHT) + 40]);
    expect(out.svg.indexOf('<rect')).toBeLessThan(out.svg.indexOf('<text'));
    // The box is centred in the SVG, like the block.
    expect(margin + (300 + 40) / 2).toBe(out.centerX);
  });

  it('caps the box radius at half the block so a tiny box stays a pill', () => {
    const out = textSvg([{ text: 'a', width: 10 }], { ...plain, box: { color: '#000000', opacity: 1, padding: 0, radius: 200 } });
    expect(out.svg).toContain('rx="5"');
  });

  it('skips empty lines but keeps their height', () => {
    const out = textSvg([{ text: 'a', width: 10 }, { text: '', width: 0 }, { text: 'b', width: 10 }], plain);
    expect(out.svg.match(/<text /g)).toHaveLength(2);
    expect(out.height).toBe(3 * Math.round(50 * LINE_HEIGHT) + 2 * Math.ceil(50 * 0.5 + 4));
  });

  it('places lines for the Pango drawing where the SVG puts them: anchors and baselines', () => {
    for (const align of ['left', 'center', 'right'] as const) {
      const block = textBlock(lines, { ...plain, align });
      const svg = textSvg(lines, { ...plain, align }).svg;
      const ys = [...svg.matchAll(/<text x="([^"]+)" y="([^"]+)"/g)].map((m) => [Number(m[1]), Number(m[2])]);
      expect(block.lines.map((l) => [Math.round(l.anchorX * 100) / 100, Math.round(l.baseline * 100) / 100])).toEqual(ys);
    }
    // Baselines one line height apart.
    const b = textBlock(lines, plain);
    expect(b.lines[1]!.baseline - b.lines[0]!.baseline).toBeCloseTo(Math.round(50 * LINE_HEIGHT), 9);
  });

  it('draws the box alone for the Pango drawing, and nothing without a box', () => {
    const style = { ...plain, box: { color: '#ff0000', opacity: 0.5, padding: 20, radius: 12 } };
    const box = boxSvg(textBlock(lines, style), style)!;
    expect(box).toContain('fill="#ff0000" fill-opacity="0.5"');
    expect(box).not.toContain('<text');
    expect(boxSvg(textBlock(lines, plain), plain)).toBeNull();
  });
});
