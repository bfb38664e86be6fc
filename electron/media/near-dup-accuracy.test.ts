import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildNearDupSet, nearDupAccuracy, type NearDupSet } from '../../scripts/near-dup-set';
import type { VisualSignature } from '../model/visual-signature';
import { writeImageThumbnail } from './images';

/**
 * Near-duplicate accuracy (issue 10): 1,000 seeded pictures (gradients, shapes, grain, words), 200 of them near
 * copies of others (resized 40–90 %, re-encoded as JPEG q60–90 or PNG↔JPEG, cropped up to 5 % per side).
 * Signatures are computed exactly as the importer does (writeImageThumbnail with `signature`), and a pair
 * counts as found when the two end up in the same group, as the review view shows them.
 */
describe('near-duplicate detection accuracy', () => {
  let dir: string;
  let set: NearDupSet;
  const sigs: VisualSignature[] = [];

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-neardup-'));
    set = await buildNearDupSet(path.join(dir, 'set'), { count: 1000 });
    const out = path.join(dir, 'thumb.webp');
    for (const f of set.files) sigs.push(await writeImageThumbnail(f, out, 1, undefined, { signature: true }));
  }, 600_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('finds resized, re-encoded and lightly cropped copies with precision and recall of at least 0.95', () => {
    expect(set.files).toHaveLength(1000);
    expect(set.copies).toBe(200);
    const r = nearDupAccuracy(set, sigs);
    expect(r.truePairs).toBe(200);
    expect(r.precision, `precision (${r.foundPairs} pairs found)`).toBeGreaterThanOrEqual(0.95);
    expect(r.recall, 'recall').toBeGreaterThanOrEqual(0.95);
  });
});
