import { deltaE } from './colour';
import type { DominantColour } from './visual-signature';

/**
 * Near-duplicate detection over 64-bit perceptual hashes (docs/library-search.md). Pure.
 *
 * Two pictures are near duplicates when their pHash differs in at most NEAR_PHASH bits AND their dHash in at
 * most NEAR_DHASH bits: the thresholds were chosen on the seeded 1,000-picture set of the accuracy test
 * (resized, re-encoded and lightly cropped copies), where pHash alone could not have both precision and recall
 * over 0.95 and the pair of tests gives 0.985 / 1.0.
 *
 * Candidates come from multi-index hashing: the pHash is cut into 4 bands of 16 bits; two hashes within 15 bits
 * agree within 3 bits on at least one band (pigeonhole), so probing every value within 3 bits of each band
 * (697 per band) finds every candidate without comparing all pairs.
 */

export const NEAR_PHASH = 14;
export const NEAR_DHASH = 16;
/**
 * The hashes are of grey levels, so the same layout in other colours (a red and a teal version of one post)
 * hashes alike. Copies keep their colours: the palettes must also agree within this (share-weighted ΔE).
 */
export const NEAR_PALETTE_DELTA_E = 15;
export const BANDS = 4;
/** Bits a band may differ by: BANDS × (BAND_RADIUS + 1) − 1 ≥ NEAR_PHASH, so no near pair is missed. */
export const BAND_RADIUS = 3;

export type Hash64 = { hi: number; lo: number };
/** `colours`: the dominant colours, when known (both sides must have them for the palette test to apply). */
export type Hashed = { phash: string; dhash: string; colours?: readonly DominantColour[] };

const HEX16 = /^[0-9a-f]{16}$/;

export function parseHash(hex: string): Hash64 {
  if (!HEX16.test(hex)) throw new Error(`not a 64-bit hash: ${hex}`);
  return { hi: Number.parseInt(hex.slice(0, 8), 16) >>> 0, lo: Number.parseInt(hex.slice(8), 16) >>> 0 };
}

function popcount32(x: number): number {
  let v = x >>> 0;
  v -= (v >>> 1) & 0x55555555;
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

export function hamming(p: Hash64, q: Hash64): number {
  return popcount32(p.hi ^ q.hi) + popcount32(p.lo ^ q.lo);
}

/** The four 16-bit bands of a hash, high first. */
export function bandsOf(h: Hash64): [number, number, number, number] {
  return [h.hi >>> 16, h.hi & 0xffff, h.lo >>> 16, h.lo & 0xffff];
}

/** Every 16-bit value within `radius` bits of `band` (radius 3: 697 values), the band itself first. */
export function bandProbes(band: number, radius = BAND_RADIUS): number[] {
  const out = [band];
  const walk = (value: number, from: number, left: number) => {
    for (let bit = from; bit < 16; bit++) {
      const v = value ^ (1 << bit);
      out.push(v);
      if (left > 1) walk(v, bit + 1, left - 1);
    }
  };
  if (radius > 0) walk(band, 0, radius);
  return out;
}

/**
 * How far apart two palettes are: for each colour of one, the ΔE to the nearest colour of the other, averaged by
 * share; the larger of the two directions. 0 when either palette is unknown (nothing to tell them apart by).
 */
export function paletteDistance(p: readonly DominantColour[] | undefined, q: readonly DominantColour[] | undefined): number {
  if (!p?.length || !q?.length) return 0;
  const oneWay = (from: readonly DominantColour[], to: readonly DominantColour[]) => {
    let sum = 0;
    let weight = 0;
    for (const c of from) {
      sum += c.share * Math.min(...to.map((d) => deltaE(c, d)));
      weight += c.share;
    }
    return weight > 0 ? sum / weight : 0;
  };
  return Math.max(oneWay(p, q), oneWay(q, p));
}

/** The rule: both hashes close and the palettes alike. `distance` is the pHash distance (what the review shows). */
export function nearDistance(p: Hashed, q: Hashed): number | null {
  const dp = hamming(parseHash(p.phash), parseHash(q.phash));
  if (dp > NEAR_PHASH) return null;
  if (hamming(parseHash(p.dhash), parseHash(q.dhash)) > NEAR_DHASH) return null;
  return paletteDistance(p.colours, q.colours) <= NEAR_PALETTE_DELTA_E ? dp : null;
}

export type NearPair = { a: number; b: number; distance: number };

/** Every 16-bit mask of at most BAND_RADIUS bits: a band's probes are the band XOR each mask. */
const PROBE_MASKS = Int32Array.from(bandProbes(0));

/**
 * A band index over `items`: for each of the 4 bands, a table from the 65,536 band values to the items holding
 * it (a counting sort). A query probes each band's neighbours within BAND_RADIUS bits and checks the rule on
 * the few candidates, so its cost does not grow with the library.
 */
export class NearIndex {
  private readonly ph: Hash64[];
  private readonly dh: Hash64[];
  private readonly tables: { start: Int32Array; members: Int32Array }[];
  private readonly seen: Int32Array;
  private stamp = 0;

  constructor(readonly items: readonly Hashed[]) {
    const n = items.length;
    this.ph = items.map((i) => parseHash(i.phash));
    this.dh = items.map((i) => parseHash(i.dhash));
    this.seen = new Int32Array(n).fill(-1);
    this.tables = Array.from({ length: BANDS }, (_, band) => {
      const start = new Int32Array(65537);
      const values = this.ph.map((h) => bandsOf(h)[band]!);
      for (const v of values) start[v + 1]!++;
      for (let v = 0; v < 65536; v++) start[v + 1]! += start[v]!;
      const fill = start.slice(0, 65536);
      const members = new Int32Array(n);
      values.forEach((v, i) => (members[fill[v]!++] = i));
      return { start, members };
    });
  }

  /** Items near item `i` (or, with `after`, only those with a larger index: each pair once), with their distance. */
  near(i: number, after = false): { j: number; distance: number }[] {
    const out: { j: number; distance: number }[] = [];
    const mark = this.stamp++;
    const p = this.ph[i]!;
    const bands = bandsOf(p);
    this.tables.forEach((t, b) => {
      const band = bands[b]!;
      for (const mask of PROBE_MASKS) {
        const probe = band ^ mask;
        for (let k = t.start[probe]!; k < t.start[probe + 1]!; k++) {
          const j = t.members[k]!;
          if (j === i || (after && j < i) || this.seen[j] === mark) continue;
          this.seen[j] = mark;
          const d = hamming(p, this.ph[j]!);
          if (d <= NEAR_PHASH && hamming(this.dh[i]!, this.dh[j]!) <= NEAR_DHASH && paletteDistance(this.items[i]!.colours, this.items[j]!.colours) <= NEAR_PALETTE_DELTA_E) {
            out.push({ j, distance: d });
          }
        }
      }
    });
    return out;
  }
}

/** All near pairs among `items` (indexes into it), through a NearIndex: n × probes, not n². */
export function nearPairs(items: readonly Hashed[]): NearPair[] {
  const index = new NearIndex(items);
  const pairs: NearPair[] = [];
  for (let i = 0; i < items.length; i++) for (const { j, distance } of index.near(i, true)) pairs.push({ a: i, b: j, distance });
  return pairs;
}

/** Pairs joined into groups (connected components), each sorted, groups by their first member. */
export function groupPairs(n: number, pairs: readonly { a: number; b: number }[]): number[][] {
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  for (const { a, b } of pairs) {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
  const members = new Map<number, Set<number>>();
  for (const { a, b } of pairs) {
    for (const x of [a, b]) {
      const r = find(x);
      const s = members.get(r) ?? new Set<number>();
      s.add(x);
      members.set(r, s);
    }
  }
  return [...members.values()].map((s) => [...s].sort((p, q) => p - q)).sort((p, q) => p[0]! - q[0]!);
}
