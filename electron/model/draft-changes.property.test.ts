import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canvasPresets, type CanvasPreset, defaultTextStyle, defaultTransform, Draft, DRAFT_SCHEMA_VERSION, type Track } from './draft';
import { DraftChange, draftChanges } from './draft-changes';
import { imageCanvasPresets, type ImageCanvasPreset, photoFilters, shapeKinds } from './image-draft';

/**
 * For any two drafts the schema allows, the Version history summary never throws, every part it gives is one the
 * contract accepts, and it is empty exactly when the documents are equal. Ids come from small pools, so the two
 * documents share clips, layers, tracks and pages as two versions of one draft do.
 */

// An equality written independently of draft-changes.ts's: JSON with sorted keys (undefined keys dropped, as JSON does).
const canon = (v: unknown): string =>
  JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b))) : x,
  );

const hex = fc.constantFrom('#000000', '#ffffff', '#ff8800');
const d = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
const small = <T>(arb: fc.Arbitrary<T>, max: number) => fc.uniqueArray(arb, { maxLength: max, selector: (x) => (x as { id: string }).id });

const media = fc.record({
  id: fc.constantFrom('c0', 'c1', 'c2', 'c3'),
  type: fc.constant('media' as const),
  assetId: fc.constantFrom('a1', 'a2'),
  start: fc.constantFrom(0, 2, 4),
  in: fc.constantFrom(0, 1),
  out: fc.constantFrom(3, 5),
  speed: fc.constantFrom(1, 2),
  volume: fc.constantFrom(0, 1),
  fadeIn: fc.constant(0),
  fadeOut: fc.constantFrom(0, 0.5),
  transform: fc.constantFrom(defaultTransform(), defaultTransform('fit')),
  transitionIn: fc.constantFrom(null, { kind: 'fade' as const, duration: 0.5 }),
  brand: fc.constant(null),
  look: fc.option(fc.record({ adjust: fc.record({ exposure: d(-2, 2) }, { requiredKeys: [] }), lut: fc.option(fc.record({ id: fc.constantFrom('warm', 'mono'), strength: fc.constantFrom(0.5, 1) })) }), { nil: undefined }),
  reversed: fc.option(fc.boolean(), { nil: undefined }),
});
const text = fc.record({
  id: fc.constantFrom('c2', 't0', 't1'),
  type: fc.constant('text' as const),
  start: fc.constantFrom(0, 1),
  duration: fc.constantFrom(1, 2),
  text: fc.constantFrom('Hi', 'Sale'),
  style: fc.constantFrom(defaultTextStyle, { ...defaultTextStyle, size: 40 }),
  x: fc.constantFrom(0.5, 0.2),
  y: fc.constantFrom(0.5, 0.8),
  maxWidth: fc.constant(0.8),
  rotation: fc.constantFrom(0, 10),
  fadeIn: fc.constant(0),
  fadeOut: fc.constant(0),
  styleRole: fc.constant(null),
});
const track = fc.record({
  id: fc.constantFrom('k0', 'k1', 'k2'),
  kind: fc.constantFrom<Track['kind']>('main', 'overlay', 'text', 'audio'),
  name: fc.constantFrom('Main', 'Music'),
  muted: fc.boolean(),
  hidden: fc.boolean(),
  role: fc.constantFrom(null, 'music' as const),
  ducking: fc.constantFrom(null, { enabled: true, level: 0.3 }),
  clips: small(fc.oneof(media, text), 3),
});
const video = fc.record({
  schemaVersion: fc.constant(DRAFT_SCHEMA_VERSION),
  kind: fc.constant('video' as const),
  name: fc.constantFrom('Reel', 'Reel 2'),
  canvas: fc.record({ preset: fc.constantFrom(...(Object.keys(canvasPresets) as CanvasPreset[])), fps: fc.constantFrom(24 as const, 30 as const), background: hex }).map((c) => ({ ...c, width: canvasPresets[c.preset].width, height: canvasPresets[c.preset].height })),
  kitId: fc.constantFrom(null, 'kit1'),
  tracks: small(track, 3),
  captions: fc.option(fc.constant([]), { nil: undefined }),
});

const box = fc.record({ x: fc.constantFrom(0.5, 0.1), y: fc.constant(0.5), w: fc.constantFrom(0.5, 1), h: fc.constant(0.5), rotation: fc.constantFrom(0, 45) });
const base = { name: fc.constantFrom('', 'Logo'), hidden: fc.boolean(), locked: fc.constant(false), groupId: fc.constant(null), template: fc.constant(null), opacity: fc.constantFrom(0.5, 1) };
const layer = fc.oneof(
  fc.record({ ...base, id: fc.constantFrom('l0', 'l1', 'l2'), type: fc.constant('media' as const), assetId: fc.constantFrom('a1', 'a2'), box, edit: fc.record({ filter: fc.record({ name: fc.constantFrom(...photoFilters), strength: fc.constant(1) }) }), brand: fc.constant(null) }),
  fc.record({ ...base, id: fc.constantFrom('l1', 'l3'), type: fc.constant('text' as const), text: fc.constantFrom('Hello', 'Bye'), style: fc.constant(defaultTextStyle), styleRole: fc.constant(null), x: fc.constantFrom(0.5, 0.3), y: fc.constant(0.5), maxWidth: fc.constant(0.8), rotation: fc.constant(0) }),
  fc.record({ ...base, id: fc.constantFrom('l4', 'l5'), type: fc.constant('shape' as const), shape: fc.constantFrom(...shapeKinds), box, fill: fc.option(hex), stroke: fc.constant(null), radius: fc.constant(0) }),
);
const background = fc.oneof(fc.record({ type: fc.constant('colour' as const), color: hex }), fc.record({ type: fc.constant('gradient' as const), from: hex, to: hex, angle: fc.constantFrom(0, 90) }));
const page = fc.record({ id: fc.constantFrom('p0', 'p1', 'p2'), background, layers: small(layer, 3) });
const imageCanvas = fc.oneof(
  fc.constantFrom(...(Object.keys(imageCanvasPresets) as Exclude<ImageCanvasPreset, 'custom'>[])).map((preset) => ({ preset, width: imageCanvasPresets[preset].width, height: imageCanvasPresets[preset].height })),
  fc.record({ preset: fc.constant('custom' as const), width: fc.constantFrom(16, 800, 4096), height: fc.constantFrom(16, 600) }),
);
const image = fc.record({
  schemaVersion: fc.constant(DRAFT_SCHEMA_VERSION),
  kind: fc.constant('image' as const),
  name: fc.constantFrom('Post', 'Post 2'),
  canvas: imageCanvas,
  kitId: fc.constantFrom(null, 'kit1'),
  pages: small(page, 3).filter((p) => p.length > 0),
  spread: fc.option(background),
});

// What the schema allows: parsed (defaults filled), and only documents it accepts (layer ids unique across pages).
const draft = fc
  .oneof(video, image)
  .map((x) => Draft.safeParse(x))
  .filter((r) => r.success)
  .map((r) => r.data);

describe('draftChanges (property)', () => {
  it('never throws, gives only parts the contract accepts, and is empty exactly when the documents are equal', () => {
    fc.assert(
      fc.property(draft, draft, (a, b) => {
        const changes = draftChanges(a, b);
        for (const c of changes) expect(DraftChange.safeParse(c).success).toBe(true);
        expect(changes.length === 0).toBe(canon(a) === canon(b));
        // A version compared with a copy of itself (as it comes back from storage) has no changes.
        expect(draftChanges(a, JSON.parse(JSON.stringify(a)) as Draft)).toEqual([]);
      }),
      { numRuns: 400 },
    );
  });
});
