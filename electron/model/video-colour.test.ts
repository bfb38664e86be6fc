import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { copyColour, copyMatrix, dynamicRangeOf, needsConversion, needsToneMap, parseProbedColour, posterFilters, stillFilters, toBt709Filters, toneMapFilters, videoColour, type VideoColour } from './video-colour';

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

  it('BT.2020 by its matrix, or by its primaries when untagged; other rare matrices (fcc) stay BT.709', () => {
    expect(videoColour({ colorSpace: 'bt2020nc', colorRange: 'tv', codedHeight: 2160 }).matrix).toBe('bt2020');
    expect(videoColour({ colorSpace: 'bt2020c', colorRange: 'tv', codedHeight: 2160 }).matrix).toBe('bt2020');
    expect(videoColour({ colorSpace: null, colorRange: null, codedHeight: 480, colorPrimaries: 'bt2020' }).matrix).toBe('bt2020');
    expect(videoColour({ colorSpace: 'fcc', colorRange: 'tv', codedHeight: 480 }).matrix).toBe('bt709');
  });

  it('HDR by its transfer: HLG and PQ; anything else is SDR (and says nothing)', () => {
    const iphone = { colorSpace: 'bt2020nc', colorRange: 'tv', codedHeight: 1920, colorTransfer: 'arib-std-b67', colorPrimaries: 'bt2020' };
    expect(videoColour(iphone)).toEqual({ matrix: 'bt2020', fullRange: false, dynamicRange: 'hlg' });
    expect(videoColour({ ...iphone, colorTransfer: 'smpte2084' }).dynamicRange).toBe('pq');
    expect(videoColour({ ...iphone, colorTransfer: 'bt2020-10' })).toEqual({ matrix: 'bt2020', fullRange: false });
    expect(videoColour({ colorSpace: 'bt709', colorRange: 'tv', codedHeight: 1080, colorTransfer: 'bt709' })).toEqual({ matrix: 'bt709', fullRange: false });
    expect([null, undefined, 'bt709', 'smpte170m', 'linear', 'iec61966-2-1'].map(dynamicRangeOf)).toEqual(Array(6).fill('sdr'));
  });
});

describe('parseProbedColour', () => {
  it('reads ffprobe’s default output', () => {
    expect(parseProbedColour('height=480\ncolor_range=tv\ncolor_space=smpte170m\n')).toEqual({ colorSpace: 'smpte170m', colorRange: 'tv', codedHeight: 480, colorTransfer: null, colorPrimaries: null });
    expect(parseProbedColour('height=1920\ncolor_range=tv\ncolor_space=bt2020nc\ncolor_transfer=arib-std-b67\ncolor_primaries=bt2020\n')).toEqual({
      colorSpace: 'bt2020nc', colorRange: 'tv', codedHeight: 1920, colorTransfer: 'arib-std-b67', colorPrimaries: 'bt2020',
    });
  });
  it('unknown and missing values are null', () => {
    expect(parseProbedColour('height=1080\r\ncolor_range=unknown\r\ncolor_space=unknown\r\n')).toEqual({ colorSpace: null, colorRange: null, codedHeight: 1080, colorTransfer: null, colorPrimaries: null });
    expect(parseProbedColour('')).toEqual({ colorSpace: null, colorRange: null, codedHeight: null, colorTransfer: null, colorPrimaries: null });
  });
  it('the first stream’s values only', () => {
    expect(parseProbedColour('height=480\ncolor_space=bt470bg\nheight=1080\ncolor_space=bt709\n')).toEqual({ colorSpace: 'bt470bg', colorRange: null, codedHeight: 480, colorTransfer: null, colorPrimaries: null });
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

describe('tone mapping HDR and BT.2020 footage', () => {
  const hlg: VideoColour = { matrix: 'bt2020', fullRange: false, dynamicRange: 'hlg' };
  it('HLG and PQ: to linear light with reference white at 1.0, BT.709 primaries, a highlight roll-off, then BT.709', () => {
    const f = toneMapFilters(hlg);
    expect(f[0]).toBe('zscale=tin=arib-std-b67:min=2020_ncl:pin=2020:rin=limited:t=linear:npl=203');
    expect(f.slice(1)).toEqual(['format=gbrpf32le', 'zscale=p=709', 'tonemap=mobius:param=0.8:peak=4.9261', 'zscale=t=709:m=709:r=limited', 'format=yuv420p']);
    expect(toneMapFilters({ ...hlg, dynamicRange: 'pq', fullRange: true })[0]).toBe('zscale=tin=smpte2084:min=2020_ncl:pin=2020:rin=full:t=linear:npl=203');
    // The export converts with the same filters, first in the clip's chain.
    expect(toBt709Filters(hlg)).toEqual(f);
    expect(needsConversion(hlg)).toBe(true);
  });
  it('SDR BT.2020: primaries and matrix only, no tone curve', () => {
    expect(toneMapFilters({ matrix: 'bt2020', fullRange: false })).toEqual(['zscale=tin=709:min=2020_ncl:pin=2020:rin=limited:t=709:m=709:p=709:r=limited', 'format=yuv420p']);
  });
  it('nothing for SDR BT.709 or BT.601 footage, or an unknown colour', () => {
    expect(toneMapFilters(null)).toEqual([]);
    expect(toneMapFilters({ matrix: 'bt709', fullRange: true })).toEqual([]);
    expect(toneMapFilters({ matrix: 'bt601', fullRange: false })).toEqual([]);
  });
  it('a copy (proxy, reversed copy) of tone-mapped footage is limited-range BT.709; of other footage, the footage’s own', () => {
    const colours = fc.record({
      matrix: fc.constantFrom<VideoColour['matrix']>('bt709', 'bt601', 'bt2020'),
      fullRange: fc.boolean(),
      dynamicRange: fc.constantFrom<VideoColour['dynamicRange']>(undefined, 'sdr', 'hlg', 'pq'),
    });
    fc.assert(
      fc.property(colours, (c) => {
        const copy = copyColour(c);
        expect(needsToneMap(copy)).toBe(false);
        expect(copy.matrix).toBe(copyMatrix(c));
        if (needsToneMap(c)) expect(copy).toEqual({ matrix: 'bt709', fullRange: false });
        else expect(copy).toBe(c);
        // A poster ends in JPEG's full-range BT.601, read from the copy's own matrix and range.
        const poster = posterFilters(c);
        expect(poster.at(-1)).toBe('format=yuvj420p');
        expect(poster.at(-2)).toContain(`in_color_matrix=${copy.matrix}:in_range=${copy.fullRange ? 'pc' : 'tv'}:out_color_matrix=bt601:out_range=pc`);
        // A freeze frame's still: tone-mapped like the copy, then read into full-range RGB with the copy's matrix.
        const still = stillFilters(c);
        expect(still.slice(0, -2)).toEqual(toneMapFilters(c));
        expect(still.slice(-2)).toEqual([`scale=in_color_matrix=${copy.matrix}:in_range=${copy.fullRange ? 'pc' : 'tv'}:out_range=pc`, 'format=rgb24']);
      }),
    );
  });

  it('a still of untagged HD phone footage is read as BT.709, as Chromium shows it (not ffmpeg’s BT.601)', () => {
    const c = videoColour({ colorSpace: null, colorRange: null, codedHeight: 1920 });
    expect(stillFilters(c)).toEqual(['scale=in_color_matrix=bt709:in_range=tv:out_range=pc', 'format=rgb24']);
    expect(stillFilters(null)).toEqual([]);
  });
});
