import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assetKinds } from '../model/asset';
import { hexToLab } from '../model/colour';
import { colourLabels } from '../model/organise';
import { licenceState } from '../model/policy';
import { matchesRules, SmartRules, type RuleSubject, type SmartRule } from '../model/smart-rules';
import { type Db, migrate, openDatabase } from './db';
import { compileRules, licenceBounds } from './smart-rules-sql';

/**
 * The SQL a smart collection runs must mean what the rules say: for random rules over random assets, the rows SQLite
 * returns are exactly the assets the plain-JS evaluator (model/smart-rules.ts) accepts. Values are drawn from small
 * pools so that rules and assets meet at their edges (equal ratings, the same day, square images, licence days
 * around "now").
 */
const DAY = 86_400_000;
const NOW = new Date(Date.UTC(2026, 5, 15, 13, 45, 12, 345));
const TAGS = ['beach', 'logo', 'summer', 'brand'];
const dayOffset = fc.integer({ min: -60, max: 60 });
const isoAround = fc.tuple(dayOffset, fc.integer({ min: 0, max: DAY - 1 })).map(([d, ms]) => new Date(Date.UTC(2026, 5, 15) + d * DAY + ms).toISOString());
const dayAround = dayOffset.map((d) => new Date(NOW.getTime() + d * DAY).toISOString().slice(0, 10));
// Colours meet the rule's targets at their edges: the target itself, a few ΔE off it, shares around the 5 % floor.
const HEXES = ['#e4002b', '#10a040', '#808080', '#ffffff'] as const;
const labOf = (hex: string) => hexToLab(hex)!;
const colour = fc.record({
  base: fc.constantFrom(...HEXES),
  dl: fc.constantFrom(0, 3, -5, 10, 15, -20),
  da: fc.constantFrom(0, 4, -8),
  share: fc.constantFrom(0.02, 0.049, 0.05, 0.3, 0.6),
}).map(({ base, dl, da, share }) => {
  const lab = labOf(base);
  return { l: lab.l + dl, a: lab.a + da, b: lab.b, share };
});
const dim = fc.option(fc.constantFrom(100, 720, 1080, 1920), { nil: null });

const subject: fc.Arbitrary<RuleSubject> = fc.record({
  kind: fc.constantFrom(...assetKinds),
  tags: fc.uniqueArray(fc.constantFrom(...TAGS), { maxLength: 4 }),
  rating: fc.integer({ min: 0, max: 5 }),
  label: fc.option(fc.constantFrom(...colourLabels), { nil: null }),
  importedAt: isoAround,
  createdAt: fc.option(isoAround, { nil: null }),
  sizeBytes: fc.constantFrom(0, 1000, 5000, 1_000_000),
  durationSec: fc.option(fc.constantFrom(0, 5, 30, 60.5), { nil: null }),
  width: dim,
  height: dim,
  licenceExpires: fc.option(fc.oneof(dayAround, fc.constantFrom(NOW.toISOString().slice(0, 10))), { nil: null }),
  usedInPost: fc.boolean(),
  colours: fc.array(colour, { maxLength: 3 }),
});

const someOf = <T>(xs: readonly T[]) => fc.uniqueArray(fc.constantFrom(...xs), { minLength: 1, maxLength: xs.length });
const rule: fc.Arbitrary<SmartRule> = fc.oneof(
  fc.record({ type: fc.constant('kind' as const), kinds: someOf(assetKinds) }),
  fc.record({ type: fc.constant('tags' as const), mode: fc.constantFrom('any' as const, 'all' as const, 'none' as const), tags: fc.array(fc.constantFrom(...TAGS), { minLength: 1, maxLength: 3 }) }),
  fc.record({ type: fc.constant('rating' as const), op: fc.constantFrom('gte' as const, 'eq' as const, 'lte' as const), value: fc.integer({ min: 0, max: 5 }) }),
  fc.record({ type: fc.constant('label' as const), labels: someOf([...colourLabels, 'none'] as const) }),
  fc.record({ type: fc.constant('date' as const), field: fc.constantFrom('imported' as const, 'created' as const), op: fc.constantFrom('before' as const, 'after' as const), date: dayAround }),
  fc.record({ type: fc.constant('recent' as const), field: fc.constantFrom('imported' as const, 'created' as const), days: fc.integer({ min: 1, max: 70 }) }),
  fc.record({ type: fc.constant('size' as const), op: fc.constantFrom('gte' as const, 'lte' as const), bytes: fc.constantFrom(0, 1000, 4999, 5000, 1_000_000) }),
  fc.record({ type: fc.constant('duration' as const), op: fc.constantFrom('gte' as const, 'lte' as const), seconds: fc.constantFrom(0, 5, 30, 60.5, 61) }),
  fc.record({ type: fc.constant('orientation' as const), is: fc.constantFrom('portrait' as const, 'landscape' as const, 'square' as const) }),
  fc.record({ type: fc.constant('licence' as const), states: someOf(['none', 'valid', 'soon', 'expired'] as const) }),
  fc.record({ type: fc.constant('usedInPost' as const), used: fc.boolean() }),
  fc.record({ type: fc.constant('colour' as const), hex: fc.constantFrom(...HEXES, '#E4002B', 'fff'), tolerance: fc.constantFrom(0, 3, 4, 5, 8, 10, 15, 30) }),
);
const rules = fc.record({ match: fc.constantFrom('all' as const, 'any' as const), rules: fc.array(rule, { maxLength: 4 }) });

let db: Db;
beforeAll(() => {
  db = openDatabase(':memory:');
  migrate(db);
});
afterAll(() => db.close());

/** Replaces the library's content with `assets` (a post carries a draft using each asset that is "used in a post"). */
function load(assets: RuleSubject[]): void {
  db.exec('DELETE FROM posts; DELETE FROM drafts; DELETE FROM asset_colours; DELETE FROM assets;');
  const insert = db.prepare(
    `INSERT INTO assets (id, sha256, kind, name, original_name, ext, size_bytes, duration_sec, width, height, created_at, imported_at, rating, label, licence_expires)
     VALUES (?, ?, ?, ?, 'x', 'bin', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const colourRow = db.prepare('INSERT INTO asset_colours (id, l0, l1, a0, a1, b0, b1, asset_rowid, share, l, a, b) SELECT rowid * 8 + ?, ?, ?, ?, ?, ?, ?, rowid, ?, ?, ?, ? FROM assets WHERE id = ?');
  const tag = db.prepare("INSERT INTO asset_tags (asset_rowid, tag) VALUES ((SELECT rowid FROM assets WHERE id = ?), ?)");
  const draft = db.prepare("INSERT INTO drafts (id, name, kind, preset, revision, doc, created_at, updated_at) VALUES (?, 'D', 'video', '9:16', 1, '{}', 'c', 'u')");
  const use = db.prepare('INSERT INTO draft_assets (draft_rowid, asset_id) VALUES ((SELECT rowid FROM drafts WHERE id = ?), ?)');
  const post = db.prepare("INSERT INTO posts (id, draft_id, title, doc, state, time_zone, created_by, created_at, updated_at) VALUES (?, ?, 'P', '{}', 'draft', 'UTC', 'owner', 'c', 'u')");
  // One draft that no post carries uses every asset: being in a draft alone is not "used in a post".
  draft.run('loose');
  assets.forEach((a, i) => {
    const id = `a${i}`;
    insert.run(id, id, a.kind, id, a.sizeBytes, a.durationSec, a.width, a.height, a.createdAt, a.importedAt, a.rating, a.label, a.licenceExpires);
    for (const t of a.tags) tag.run(id, t);
    a.colours.forEach((c, rank) => colourRow.run(rank, c.l, c.l, c.a, c.a, c.b, c.b, c.share, c.l, c.a, c.b, id));
    use.run('loose', id);
    if (a.usedInPost) {
      draft.run(`d${i}`);
      use.run(`d${i}`, id);
      post.run(`p${i}`, `d${i}`);
    }
  });
}

function sqlMatches(r: SmartRules): string[] {
  const c = compileRules(r, NOW);
  return db.prepare(`SELECT a.id FROM assets a WHERE a.trashed_at IS NULL AND (${c.sql}) ORDER BY a.rowid`).pluck().all(...c.params) as string[];
}

describe('smart rules: SQL equals the in-memory evaluator', () => {
  it('for random rules and random assets', () => {
    fc.assert(
      fc.property(fc.array(subject, { maxLength: 25 }), rules, (assets, raw) => {
        const parsed = SmartRules.parse(raw); // what the API stores: tags normalised, limits checked
        load(assets);
        const expected = assets.flatMap((a, i) => (matchesRules(parsed, a, NOW) ? [`a${i}`] : []));
        expect(sqlMatches(parsed)).toEqual(expected);
      }),
      { numRuns: 400 },
    );
  });

  it('licence bounds put each end day in the state model/policy.ts gives it, around any instant of a day', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: DAY - 1 }), fc.integer({ min: -40, max: 40 }), (ms, offset) => {
        const now = new Date(Date.UTC(2026, 0, 31) + ms);
        const end = new Date(now.getTime() + offset * DAY).toISOString().slice(0, 10);
        const { lastExpired, lastSoon } = licenceBounds(now);
        const sqlState = end <= lastExpired ? 'expired' : end <= lastSoon ? 'soon' : 'valid';
        expect(sqlState).toBe(licenceState(end, now));
      }),
    );
  });

  it('never splices a value into the SQL text', () => {
    const c = compileRules({ match: 'any', rules: [{ type: 'tags', mode: 'all', tags: ["x'); DROP TABLE assets; --"] }] }, NOW);
    expect(c.sql).not.toContain('DROP');
    expect(c.params).toContain("x'); DROP TABLE assets; --");
  });
});
