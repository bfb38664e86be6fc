import { describe, expect, it } from 'vitest';
import { indexedMediaEnd, readBoxHeader, sampleDataEnd } from './mp4-index';

const u32 = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
const box = (type: string, body: number[]) => [...u32(8 + body.length), ...Array.from(type, (c) => c.charCodeAt(0)), ...body];
const full = (type: string, body: number[]) => box(type, [0, 0, 0, 0, ...body]);

/** A moov with one track: 3 chunks at 100, 500, 900; 2 samples per chunk, then 1 (stsc runs); sizes 10..50. */
function moov(): Uint8Array {
  const stsz = full('stsz', [...u32(0), ...u32(5), ...u32(10), ...u32(20), ...u32(30), ...u32(40), ...u32(50)]);
  const stco = full('stco', [...u32(3), ...u32(100), ...u32(500), ...u32(900)]);
  const stsc = full('stsc', [...u32(2), ...u32(1), ...u32(2), ...u32(1), ...u32(3), ...u32(1), ...u32(1)]);
  return Uint8Array.from(box('moov', box('trak', box('mdia', box('minf', box('stbl', [...stsz, ...stco, ...stsc]))))));
}

describe('mp4 index', () => {
  it('reads box headers, 64-bit and to-the-end sizes', () => {
    expect(readBoxHeader(Uint8Array.from(box('ftyp', [1, 2, 3, 4])), 0)).toEqual({ type: 'ftyp', start: 0, headerSize: 8, size: 12 });
    expect(readBoxHeader(Uint8Array.from([...u32(1), 0x6d, 0x64, 0x61, 0x74, ...u32(0), ...u32(4096)]), 0)).toEqual({ type: 'mdat', start: 0, headerSize: 16, size: 4096 });
    expect(readBoxHeader(Uint8Array.from([...u32(0), 0x6d, 0x64, 0x61, 0x74]), 0)?.size).toBeNull();
    expect(readBoxHeader(Uint8Array.from([...u32(3), 0x6d, 0x64, 0x61, 0x74]), 0)).toBeNull(); // smaller than its header
    expect(readBoxHeader(Uint8Array.from([...u32(9), 0, 1, 2, 3]), 0)).toBeNull(); // not a box type
  });

  it('finds where the last sample ends, following sample-to-chunk runs', () => {
    // chunk 1 (100): 10+20; chunk 2 (500): 30+40 → 570; chunk 3 (900): 50 → 950.
    expect(sampleDataEnd({ sizes: [10, 20, 30, 40, 50], chunkOffsets: [100, 500, 900], samplesPerChunk: [{ firstChunk: 1, count: 2 }, { firstChunk: 3, count: 1 }] })).toBe(950);
    expect(indexedMediaEnd(moov())).toBe(950);
  });

  it('says nothing about a moov without samples (fragmented) or bytes that are not one', () => {
    expect(indexedMediaEnd(Uint8Array.from(box('moov', box('mvex', []))))).toBeNull();
    expect(indexedMediaEnd(Uint8Array.from(box('free', [])))).toBeNull();
  });
});
