import { describe, expect, it } from 'vitest';
import { defaultTextStyle, type TextStyle } from '../model/draft';
import { boxSvg, escapeXml, graphemes, LINE_HEIGHT, sanitizeText, textBlock, wrapLines, type Measure } from './text-svg';

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

describe('textBlock', () => {
  const lines = [
    { text: 'Hello & <world>', width: 300 },
    { text: 'second', width: 200 },
  ];
  const margin = Math.ceil(50 * 0.5 + 4);
  const lineHeight = Math.round(50 * LINE_HEIGHT);

  it('sizes the image around the widest line with a margin and centres the block', () => {
    const out = textBlock(lines, plain);
    expect(out.width).toBe(300 + 2 * margin);
    expect(out.height).toBe(2 * lineHeight + 2 * margin);
    expect(out.centerX).toBe(out.width / 2);
    expect(out.centerY).toBe(out.height / 2);
    expect(out.lines[1]!.baseline - out.lines[0]!.baseline).toBeCloseTo(lineHeight, 9);
  });

  it('centres the glyphs in their line box by the family’s ascent and descent', () => {
    const metrics = { ascent: 0.9, descent: 0.2 };
    const out = textBlock(lines, plain, metrics);
    // Half the leftover (line height minus ascent + descent) above the ascent.
    expect(out.lines[0]!.baseline).toBeCloseTo(margin + (lineHeight - 1.1 * 50) / 2 + 0.9 * 50, 9);
  });

  it('anchors lines at the block’s left edge, centre or right edge', () => {
    const at = (align: TextStyle['align']) => {
      const l = textBlock(lines, { ...plain, align }).lines[0]!;
      return { anchor: l.anchor, x: l.anchorX };
    };
    expect(at('left')).toEqual({ anchor: 'start', x: margin });
    expect(at('center')).toEqual({ anchor: 'middle', x: margin + 150 });
    expect(at('right')).toEqual({ anchor: 'end', x: margin + 300 });
  });

  it('widens the margin by the outline width, and only for an outline that shows', () => {
    expect(textBlock(lines, { ...plain, stroke: { color: '#112233', width: 6 } }).width).toBe(textBlock(lines, plain).width + 12);
    expect(textBlock(lines, { ...plain, stroke: { color: '#112233', width: 0 } }).width).toBe(textBlock(lines, plain).width);
  });

  it('puts one rounded, translucent box behind the block with the padding around it', () => {
    const style = { ...plain, box: { color: '#ff0000', opacity: 0.5, padding: 20, radius: 12 } };
    const out = textBlock(lines, style);
    expect(out.box).toEqual({ x: margin, y: margin, width: 340, height: 2 * lineHeight + 40, radius: 12 });
    // The box is centred in the image, like the block; the lines sit inside its padding.
    expect(margin + 340 / 2).toBe(out.centerX);
    expect(out.lines[0]!.anchorX).toBe(margin + 20 + 150);
    const svg = boxSvg(out, style)!;
    expect(svg).toContain(`<rect x="${margin}" y="${margin}" width="340" height="${2 * lineHeight + 40}" rx="12" ry="12" fill="#ff0000" fill-opacity="0.5"/>`);
    expect(svg).not.toContain('<text');
    expect(boxSvg(textBlock(lines, plain), plain)).toBeNull();
  });

  it('caps the box radius at half the block so a tiny box stays a pill', () => {
    const style = { ...plain, box: { color: '#000000', opacity: 1, padding: 0, radius: 200 } };
    expect(boxSvg(textBlock([{ text: 'a', width: 10 }], style), style)).toContain('rx="5"');
  });

  it('keeps the height of empty lines', () => {
    const out = textBlock([{ text: 'a', width: 10 }, { text: '', width: 0 }, { text: 'b', width: 10 }], plain);
    expect(out.height).toBe(3 * lineHeight + 2 * margin);
    expect(out.lines[2]!.baseline - out.lines[0]!.baseline).toBeCloseTo(2 * lineHeight, 9);
  });
});
