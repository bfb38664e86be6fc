import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BAND_RADIUS, BANDS, NEAR_PHASH, bandProbes, paletteDistance, groupPairs, hamming, nearDistance, nearPairs, parseHash } from './near-dup';

const hex64 = fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }).map((v) => v.toString(16).padStart(16, '0'));
const flip = (hex: string, bits: number[]) => {
  let v = BigInt(`0x${hex}`);
  for (const b of bits) v ^= 1n << BigInt(b);
  return v.toString(16).padStart(16, '0');
};

describe('near duplicates', () => {
  it('counts differing bits', () => {
    expect(hamming(parseHash('0000000000000000'), parseHash('ffffffffffffffff'))).toBe(64);
    expect(hamming(parseHash('8000000000000001'), parseHash('0000000000000000'))).toBe(2);
    expect(() => parseHash('xyz')).toThrow();
  });

  it('probes every 16-bit value within the band radius, once each', () => {
    const probes = bandProbes(0xbeef);
    expect(probes).toHaveLength(1 + 16 + 120 + 560);
    expect(new Set(probes).size).toBe(probes.length);
    for (const p of probes) expect(hamming({ hi: 0, lo: p }, { hi: 0, lo: 0xbeef })).toBeLessThanOrEqual(BAND_RADIUS);
    expect(BANDS * (BAND_RADIUS + 1) - 1).toBeGreaterThanOrEqual(NEAR_PHASH);
  });

  it('the band index finds exactly the pairs a comparison of all pairs finds', () => {
    fc.assert(
      fc.property(
        fc.array(hex64, { minLength: 1, maxLength: 12 }),
        fc.array(fc.tuple(fc.nat(11), fc.array(fc.integer({ min: 0, max: 63 }), { maxLength: 18 }), fc.array(fc.integer({ min: 0, max: 63 }), { maxLength: 18 })), { maxLength: 30 }),
        (bases, variants) => {
          const items = bases.map((h, i) => ({ phash: h, dhash: bases[(i + 1) % bases.length]! }));
          for (const [from, pf, df] of variants) {
            const b = items[from % items.length]!;
            items.push({ phash: flip(b.phash, pf), dhash: flip(b.dhash, df) });
          }
          const brute: string[] = [];
          for (let i = 0; i < items.length; i++) for (let j = i + 1; j < items.length; j++) if (nearDistance(items[i]!, items[j]!) !== null) brute.push(`${i}-${j}`);
          const indexed = nearPairs(items).map((p) => `${p.a}-${p.b}`);
          expect(indexed.sort()).toEqual(brute.sort());
        },
      ),
      { numRuns: 200 },
    );
  });

  it('tells the same layout in other colours apart by the palettes, and leaves pictures without colours to the hashes', () => {
    const red = [{ l: 48, a: 74, b: 45, share: 0.7 }, { l: 100, a: 0, b: 0, share: 0.3 }];
    const redJpeg = [{ l: 47, a: 72, b: 44, share: 0.68 }, { l: 98, a: 1, b: 2, share: 0.32 }];
    const teal = [{ l: 48, a: -29, b: -9, share: 0.7 }, { l: 90, a: -2, b: 85, share: 0.3 }];
    const h = { phash: '0f0f0f0f0f0f0f0f', dhash: '00ff00ff00ff00ff' };
    expect(paletteDistance(red, redJpeg)).toBeLessThan(4);
    expect(nearDistance({ ...h, colours: red }, { ...h, colours: redJpeg })).toBe(0);
    expect(nearDistance({ ...h, colours: red }, { ...h, colours: teal })).toBeNull();
    expect(nearDistance(h, { ...h, colours: teal })).toBe(0);
    expect(nearPairs([{ ...h, colours: red }, { ...h, colours: teal }, { ...h, colours: redJpeg }]).map((p) => [p.a, p.b])).toEqual([[0, 2]]);
  });

  it('groups pairs into connected groups', () => {
    expect(groupPairs(6, [{ a: 0, b: 3 }, { a: 3, b: 5 }, { a: 1, b: 2 }])).toEqual([[0, 3, 5], [1, 2]]);
    expect(groupPairs(3, [])).toEqual([]);
  });
});
