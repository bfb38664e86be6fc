import { describe, expect, it } from 'vitest';
import { needsConversion, parseProbedColour, toBt709Filters, videoColour } from './video-colour';

describe('videoColour: the matrix and range the preview decodes a video with', () => {
  it('takes the tag when there is one, at any size', () => {
    expect(videoColour({ colorSpace: 'smpte170m', colorRange: 'tv', codedHeight: 1920 })).toEqual({ matrix: 'bt601', fullRange: false });
    expect(videoColour({ colorSpace: 'bt470bg', colorRange: null, codedHeight: 1080 })).toEqual({ matrix: 'bt601', fullRange: false });
    expect(videoColour({ colorSpace: 'bt709', colorRange: 'tv', codedHeight: 480 })).toEqual({ matrix: 'bt709', fullRange: false });
    expect(videoColour({ colorSpace: 'bt709', colorRange: 'pc', codedHeight: 1080 })).toEqual({ matrix: 'bt709', fullRange: true });
  });

  it('untagged: BT.601 under a coded height of 720, BT.709 from 720 up (Chromium’s guess)', () => {
    expect(videoColour({ colorSpace: null, colorRange: null, codedHeight: 480 }).matrix).toBe('bt601');
    expect(videoColour({ colorSpace: null, colorRange: null, codedHeight: 540 }).matrix).toBe('bt601');
    expect(videoColour({ colorSpace: null, colorRange: null, codedHeight: 719 }).matrix).toBe('bt601');
    expect(videoColour({ colorSpace: null, colorRange: null, codedHeight: 720 }).matrix).toBe('bt709');
    expect(videoColour({ colorSpace: null, colorRange: null, codedHeight: 960 }).matrix).toBe('bt709');
    // No height known: as before, BT.709.
    expect(videoColour({ colorSpace: null, colorRange: null, codedHeight: null }).matrix).toBe('bt709');
  });

  it('matrices it does not convert (BT.2020, fcc) stay BT.709, as before', () => {
    expect(videoColour({ colorSpace: 'bt2020nc', colorRange: 'tv', codedHeight: 2160 }).matrix).toBe('bt709');
    expect(videoColour({ colorSpace: 'fcc', colorRange: 'tv', codedHeight: 480 }).matrix).toBe('bt709');
  });
});

describe('parseProbedColour', () => {
  it('reads ffprobe’s default output', () => {
    expect(parseProbedColour('height=480\ncolor_range=tv\ncolor_space=smpte170m\n')).toEqual({ colorSpace: 'smpte170m', colorRange: 'tv', codedHeight: 480 });
  });
  it('unknown and missing values are null', () => {
    expect(parseProbedColour('height=1080\r\ncolor_range=unknown\r\ncolor_space=unknown\r\n')).toEqual({ colorSpace: null, colorRange: null, codedHeight: 1080 });
    expect(parseProbedColour('')).toEqual({ colorSpace: null, colorRange: null, codedHeight: null });
  });
  it('the first stream’s values only', () => {
    expect(parseProbedColour('height=480\ncolor_space=bt470bg\nheight=1080\ncolor_space=bt709\n')).toEqual({ colorSpace: 'bt470bg', colorRange: null, codedHeight: 480 });
  });
});

describe('toBt709Filters', () => {
  it('nothing for limited-range BT.709 or an unknown colour (those graphs are unchanged)', () => {
    expect(toBt709Filters(undefined)).toEqual([]);
    expect(toBt709Filters({ matrix: 'bt709', fullRange: false })).toEqual([]);
    expect(needsConversion(undefined)).toBe(false);
    expect(needsConversion({ matrix: 'bt709', fullRange: false })).toBe(false);
  });
  it('BT.601: the matrix alone is changed', () => {
    const f = toBt709Filters({ matrix: 'bt601', fullRange: false });
    expect(f).toHaveLength(1);
    expect(f[0]).toMatch(/^colorspace=ispace=bt470bg:space=bt709:.*irange=tv:range=tv:fast=1$/);
    expect(needsConversion({ matrix: 'bt601', fullRange: false })).toBe(true);
  });
  it('full range is brought to limited range first', () => {
    expect(toBt709Filters({ matrix: 'bt709', fullRange: true })).toEqual(['scale=in_range=pc:out_range=tv', 'format=yuv420p']);
    const f = toBt709Filters({ matrix: 'bt601', fullRange: true });
    expect(f.slice(0, 2)).toEqual(['scale=in_range=pc:out_range=tv', 'format=yuv420p']);
    expect(f[2]).toMatch(/^colorspace=/);
  });
});
