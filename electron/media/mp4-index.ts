/**
 * ISO-BMFF (MP4, MOV, M4A) structure, just enough to tell whether a file holds all the media its index
 * promises. A copy that stopped early keeps its index (moov) when the index was written first ("fast start",
 * what phones and most exporters write): ffprobe then reports the full duration and the poster frame decodes,
 * yet the end of the clip is simply not there. The index lists where every sample lies; a sample past the end
 * of the file is the proof. Pure: boxes are read from bytes handed in (mp4-check.ts does the reading).
 */

export type BoxHeader = { type: string; start: number; headerSize: number; size: number | null };

const CONTAINERS = new Set(['moov', 'trak', 'mdia', 'minf', 'stbl', 'edts', 'dinf', 'mvex']);

/** The box header at `at` in `b` (size null = "to the end of the file"), or null when the bytes are not one. */
export function readBoxHeader(b: Uint8Array, at: number): BoxHeader | null {
  if (at + 8 > b.length) return null;
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const size32 = v.getUint32(at);
  const type = String.fromCharCode(b[at + 4]!, b[at + 5]!, b[at + 6]!, b[at + 7]!);
  if (!/^[\x20-\x7e]{4}$/.test(type)) return null;
  if (size32 === 1) {
    if (at + 16 > b.length) return null;
    const size = Number(v.getBigUint64(at + 8));
    return size >= 16 ? { type, start: at, headerSize: 16, size } : null;
  }
  if (size32 === 0) return { type, start: at, headerSize: 8, size: null };
  return size32 >= 8 ? { type, start: at, headerSize: 8, size: size32 } : null;
}

function children(b: Uint8Array, from: number, to: number): BoxHeader[] {
  const out: BoxHeader[] = [];
  let at = from;
  while (at + 8 <= to) {
    const h = readBoxHeader(b, at);
    if (!h) break;
    const size = h.size ?? to - at;
    out.push({ ...h, size });
    at += size;
  }
  return out;
}

type SampleTable = { sizes: number[]; chunkOffsets: number[]; samplesPerChunk: { firstChunk: number; count: number }[] };

function readStbl(b: Uint8Array, box: BoxHeader): SampleTable | null {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const t: Partial<SampleTable> = {};
  for (const c of children(b, box.start + box.headerSize, box.start + box.size!)) {
    const p = c.start + c.headerSize + 4; // after version and flags
    const end = c.start + c.size!;
    if (c.type === 'stsz') {
      const uniform = v.getUint32(p);
      const n = v.getUint32(p + 4);
      if (uniform) t.sizes = new Array<number>(n).fill(uniform);
      else {
        if (p + 8 + n * 4 > end) return null;
        t.sizes = Array.from({ length: n }, (_, i) => v.getUint32(p + 8 + i * 4));
      }
    } else if (c.type === 'stco' || c.type === 'co64') {
      const n = v.getUint32(p);
      const w = c.type === 'stco' ? 4 : 8;
      if (p + 4 + n * w > end) return null;
      t.chunkOffsets = Array.from({ length: n }, (_, i) => (w === 4 ? v.getUint32(p + 4 + i * 4) : Number(v.getBigUint64(p + 4 + i * 8))));
    } else if (c.type === 'stsc') {
      const n = v.getUint32(p);
      if (p + 4 + n * 12 > end) return null;
      t.samplesPerChunk = Array.from({ length: n }, (_, i) => ({ firstChunk: v.getUint32(p + 4 + i * 12), count: v.getUint32(p + 8 + i * 12) }));
    }
  }
  return t.sizes && t.chunkOffsets && t.samplesPerChunk ? (t as SampleTable) : null;
}

/** Where the media of one track ends: the furthest byte any of its chunks reaches. */
export function sampleDataEnd(t: SampleTable): number {
  let sample = 0;
  let end = 0;
  let run = -1;
  for (let chunk = 0; chunk < t.chunkOffsets.length; chunk++) {
    // stsc runs (in order) apply from their first chunk (1-based) until the next run begins.
    while (run + 1 < t.samplesPerChunk.length && t.samplesPerChunk[run + 1]!.firstChunk <= chunk + 1) run++;
    const perChunk = run >= 0 ? t.samplesPerChunk[run]!.count : 0;
    let bytes = 0;
    for (let i = 0; i < perChunk && sample < t.sizes.length; i++) bytes += t.sizes[sample++]!;
    if (bytes > 0) end = Math.max(end, t.chunkOffsets[chunk]! + bytes);
  }
  return end;
}

/**
 * The furthest byte the sample tables in a `moov` box (its bytes, header included) point at, or null when it
 * lists no samples (a fragmented MP4 keeps them in moof boxes) or cannot be read.
 */
export function indexedMediaEnd(moov: Uint8Array): number | null {
  const top = readBoxHeader(moov, 0);
  if (!top || top.type !== 'moov') return null;
  let end: number | null = null;
  const visit = (box: BoxHeader) => {
    if (box.type === 'stbl') {
      const t = readStbl(moov, box);
      if (t && t.sizes.length > 0) end = Math.max(end ?? 0, sampleDataEnd(t));
      return;
    }
    if (CONTAINERS.has(box.type)) for (const c of children(moov, box.start + box.headerSize, box.start + box.size!)) visit(c);
  };
  visit({ ...top, size: top.size ?? moov.length });
  return end;
}
