import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Canvas, type MediaClip, type TextClip, type Track, type VideoDraft, DRAFT_SCHEMA_VERSION, VideoDraft as VideoDraftSchema, brandMarks, defaultTextStyle, fontFamilies, textRoles, transitionKinds } from '../model/draft';
import type { ExportPreset } from '../model/draft-record';
import { isAppError } from '../model/errors';
import type { VariantPlan } from '../model/render-variant';
import { place } from '../model/geometry';
import { type SourceFacts, type TextLayerFile, compileExport, visiblePart } from './compiler';
import { copyCandidate } from './smart-render';
import { type InputStreams, checkExportArgs } from './test-graph';

/**
 * Every draft the schema accepts either compiles to arguments ffmpeg can run (checked by test-graph.ts) or is
 * refused with an AppError that says what to do: never a TypeError. The arbitraries cover the whole schema:
 * tracks of any kind present or absent, in any order, empty or hidden; any clip type on any track; speeds,
 * fades, transitions (first clips too), zero-length and huge times, canvases from 16 to 4096 px, odd sizes.
 */

const hex = fc.integer({ min: 0, max: 0xffffff }).map((n) => `#${n.toString(16).padStart(6, '0')}`);
const frac = fc.double({ min: -1, max: 2, noNaN: true });
/** Seconds as drafts hold them: mostly editing sizes, sometimes zero, a hair, or absurdly large. */
const seconds = fc.oneof(
  { weight: 24, arbitrary: fc.integer({ min: 0, max: 20_000 }).map((ms) => ms / 1000) },
  { weight: 1, arbitrary: fc.constantFrom(0, 1e-9, 1e-7, 0.001, 1 / 30) },
  { weight: 1, arbitrary: fc.double({ min: 0, max: 1e12, noNaN: true }) },
);
const length = fc.oneof(
  { weight: 24, arbitrary: fc.integer({ min: 1, max: 8000 }).map((ms) => ms / 1000) },
  { weight: 1, arbitrary: fc.constantFrom(1e-9, 1e-6, 0.01, 1 / 60) },
  { weight: 1, arbitrary: fc.double({ min: 1e-6, max: 1e9, noNaN: true }) },
);

/** The library the drafts draw from: every kind of source, odd sizes, rotations, unknown durations, one gone. */
const sources = new Map<string, SourceFacts>([
  ['vid', { path: '/m/vid.mp4', kind: 'video', width: 1920, height: 1080, rotation: 0, durationSec: 12, hasAudio: true, fps: 30 }],
  ['vid25', { path: '/m/vid25.mp4', kind: 'video', width: 1280, height: 720, rotation: 0, durationSec: 30, hasAudio: true, fps: 25 }],
  ['mute', { path: '/m/mute.mp4', kind: 'video', width: 640, height: 480, rotation: 0, durationSec: 8, hasAudio: false, fps: 60 }],
  ['phone', { path: '/m/phone.mov', kind: 'video', width: 1080, height: 1920, rotation: 90, durationSec: null, hasAudio: true, fps: 29.97 }],
  ['tinyv', { path: '/m/tiny.webm', kind: 'video', width: 3, height: 1, rotation: 0, durationSec: 2, hasAudio: true, fps: null }],
  ['nopic', { path: '/m/nopic.mkv', kind: 'video', width: null, height: null, rotation: 0, durationSec: 5, hasAudio: true, fps: null }],
  ['logo', { path: '/m/logo.png', kind: 'image', width: 400, height: 400, rotation: 0, durationSec: null, hasAudio: false, fps: null }],
  ['exif', { path: '/m/exif.jpg', kind: 'image', width: 3000, height: 4000, rotation: 0, orientation: 8, durationSec: null, hasAudio: false, fps: null }],
  ['mirror', { path: '/m/mirror.jpg', kind: 'image', width: 3, height: 5, rotation: 0, orientation: 7, durationSec: null, hasAudio: false, fps: null }],
  ['pixel', { path: '/m/pixel.png', kind: 'image', width: 1, height: 1, rotation: 0, orientation: 3, durationSec: null, hasAudio: false, fps: null }],
  ['song', { path: '/m/song.m4a', kind: 'audio', width: null, height: null, rotation: 0, durationSec: 60, hasAudio: true, fps: null }],
  ['blip', { path: '/m/blip.wav', kind: 'audio', width: null, height: null, rotation: 0, durationSec: 0.05, hasAudio: true, fps: null }],
]);
const assetId = fc.oneof({ weight: 30, arbitrary: fc.constantFrom(...sources.keys()) }, { weight: 1, arbitrary: fc.constant('gone') });
/** Source in-points: mostly inside every source, sometimes anywhere. */
const inPoint = fc.oneof({ weight: 6, arbitrary: fc.constant(0) }, { weight: 6, arbitrary: fc.integer({ min: 0, max: 1500 }).map((ms) => ms / 1000) }, { weight: 1, arbitrary: seconds });

const transform = fc.record({
  reframe: fc.constantFrom('fill' as const, 'fit' as const, 'blur' as const),
  x: frac,
  y: frac,
  scale: fc.double({ min: 0.05, max: 8, noNaN: true }),
  crop: fc.record({
    left: fc.double({ min: 0, max: 0.9, noNaN: true }),
    top: fc.double({ min: 0, max: 0.9, noNaN: true }),
    right: fc.double({ min: 0, max: 0.9, noNaN: true }),
    bottom: fc.double({ min: 0, max: 0.9, noNaN: true }),
  }),
  padColor: hex,
  opacity: fc.oneof(fc.constant(1), fc.double({ min: 0, max: 1, noNaN: true })),
  rotation: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.double({ min: -180, max: 180, noNaN: true }) }),
});

const fade = fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 2, arbitrary: seconds });

const mediaClip = (id: string): fc.Arbitrary<MediaClip> =>
  fc
    .record({
      assetId,
      start: seconds,
      in: inPoint,
      len: length,
      speed: fc.oneof(fc.constant(1), fc.constantFrom(0.25, 4), fc.double({ min: 0.25, max: 4, noNaN: true })),
      volume: fc.oneof(fc.constant(1), fc.constant(0), fc.double({ min: 0, max: 2, noNaN: true })),
      fadeIn: fade,
      fadeOut: fade,
      transform,
      transitionIn: fc.option(fc.record({ kind: fc.constantFrom(...transitionKinds), duration: fc.double({ min: 0.1, max: 3, noNaN: true }) }), { freq: 2 }),
      // Brand marks change nothing the compiler sees: they ride along to prove it.
      brand: fc.constantFrom(null, ...brandMarks),
      // Looks (draft version 5): none mostly, else any mix of adjustments and a shipped LUT.
      look: fc.option(
        fc.record({
          adjust: fc.record({ exposure: fc.double({ min: -2, max: 2, noNaN: true }), saturation: fc.double({ min: -1, max: 1, noNaN: true }), vignette: fc.double({ min: 0, max: 1, noNaN: true }), sharpen: fc.double({ min: 0, max: 1, noNaN: true }) }, { requiredKeys: [] }),
          lut: fc.option(fc.record({ id: fc.constantFrom('warm', 'mono'), strength: fc.double({ min: 0, max: 1, noNaN: true }) })),
        }),
        { freq: 3 },
      ),
      // Chroma key (draft version 6): none mostly.
      chromaKey: fc.option(fc.record({ color: fc.constantFrom('#00ff00', '#0000ff', '#123456'), similarity: fc.double({ min: 0.01, max: 1, noNaN: true }), blend: fc.double({ min: 0, max: 1, noNaN: true }) }), { freq: 4 }),
    })
    .map(({ len, look, chromaKey, ...c }) => ({ id, type: 'media' as const, ...c, ...(look ? { look } : {}), ...(chromaKey ? { chromaKey } : {}), out: c.in + len }))
    // `out > in` must survive floating point (1e12 + 1e-9 is 1e12): the schema refuses the rest.
    .filter((c) => c.out > c.in);

const textClip = (id: string): fc.Arbitrary<TextClip> =>
  fc.record({
    id: fc.constant(id),
    type: fc.constant('text' as const),
    start: seconds,
    duration: fc.oneof(fc.double({ min: 0.1, max: 20, noNaN: true }), fc.double({ min: 0.1, max: 1e9, noNaN: true })),
    text: fc.string({ minLength: 1, maxLength: 12 }),
    style: fc.record({ font: fc.constantFrom(...fontFamilies), size: fc.integer({ min: 8, max: 400 }) }).map((s) => ({ ...defaultTextStyle, ...s })),
    x: frac,
    y: frac,
    maxWidth: fc.double({ min: 0.1, max: 1, noNaN: true }),
    rotation: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.double({ min: -180, max: 180, noNaN: true }) }),
    fadeIn: fade,
    fadeOut: fade,
    styleRole: fc.constantFrom(null, ...textRoles),
  });

let ids = 0;
const clip = fc.oneof({ weight: 3, arbitrary: fc.constant(null).chain(() => mediaClip(`c${ids++}`)) }, { weight: 1, arbitrary: fc.constant(null).chain(() => textClip(`t${ids++}`)) });

const trackOf = (kinds: Track['kind'][]): fc.Arbitrary<Track> => fc.record({
  id: fc.constant(null).map(() => `tr${ids++}`),
  kind: fc.constantFrom(...kinds),
  name: fc.constantFrom('', 'Main', 'B-roll'),
  muted: fc.boolean(),
  hidden: fc.oneof({ weight: 4, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  role: fc.constantFrom(null, 'music' as const, 'voiceover' as const),
  ducking: fc.option(fc.record({ enabled: fc.boolean(), level: fc.double({ min: 0, max: 1, noNaN: true }) })),
  clips: fc.array(clip, { maxLength: 5 }),
});
const anyTrack = trackOf(['main', 'overlay', 'text', 'audio']);

const side = fc.oneof(fc.constantFrom(16, 17, 4095, 4096, 1080, 1920), fc.integer({ min: 16, max: 4096 }));
const canvas: fc.Arbitrary<Canvas> = fc.record({
  preset: fc.constantFrom('9:16' as const, '1:1' as const, '4:5' as const, '16:9' as const),
  width: side,
  height: side,
  fps: fc.constantFrom(24 as const, 30 as const, 60 as const),
  background: hex,
});

const draftArb: fc.Arbitrary<VideoDraft> = fc.record({
  schemaVersion: fc.constant(DRAFT_SCHEMA_VERSION as typeof DRAFT_SCHEMA_VERSION),
  kind: fc.constant('video' as const),
  name: fc.constant('Property'),
  canvas,
  kitId: fc.option(fc.constant('kit-1')),
  tracks: fc.oneof(
    // Mostly drafts as the editor lays them out (at most one main track, at the bottom; others in any mix)...
    { weight: 3, arbitrary: fc.tuple(fc.option(trackOf(['main'])), fc.array(trackOf(['overlay', 'text', 'audio']), { maxLength: 5 })).map(([m, rest]) => (m ? [m, ...rest] : rest)) },
    // ...and any list of tracks the schema takes.
    { weight: 1, arbitrary: fc.array(anyTrack, { maxLength: 6 }) },
  ),
});

const presetArb: fc.Arbitrary<ExportPreset> = fc.record({
  height: fc.constantFrom('canvas' as const, 1920 as const, 1080 as const, 720 as const),
  fps: fc.constantFrom('canvas' as const, 24 as const, 30 as const, 60 as const),
  quality: fc.constantFrom('high' as const, 'standard' as const, 'small' as const),
});

const variantArb: fc.Arbitrary<VariantPlan | null> = fc.option(
  fc.record({
    width: fc.integer({ min: 8, max: 2048 }).map((n) => n * 2),
    height: fc.integer({ min: 8, max: 2048 }).map((n) => n * 2),
    reframe: fc.constantFrom('fill' as const, 'fit' as const, 'blur' as const),
    maxDurationSec: fc.option(fc.double({ min: 1, max: 600, noNaN: true })),
    videoBitrateKbps: fc.option(fc.integer({ min: 100, max: 50_000 })),
    fps: fc.constantFrom(24, 30, 60),
  }),
  { freq: 4 },
);

/** The text rasteriser's stand-in: a PNG somewhere on (or off) the canvas. */
function textLayers(d: VideoDraft): Map<string, TextLayerFile> {
  const out = new Map<string, TextLayerFile>();
  for (const t of d.tracks) {
    for (const c of t.clips) {
      if (c.type !== 'text') continue;
      const width = Math.max(1, Math.round(d.canvas.width * c.maxWidth));
      const height = Math.max(1, Math.round(c.style.size * 1.4));
      out.set(c.id, { path: `/cache/text/${c.id}.png`, left: Math.round(c.x * d.canvas.width - width / 2), top: Math.round(c.y * d.canvas.height - height / 2), width, height });
    }
  }
  return out;
}

function streamsOf(file: string): InputStreams {
  if (file.startsWith('/cache/text/')) return { video: true, audio: false };
  const f = [...sources.values()].find((s) => s.path === file);
  if (!f) return { video: false, audio: false };
  return { video: f.kind !== 'audio' && f.width !== null, audio: f.kind !== 'image' && f.hasAudio };
}

/** Compiles and returns null when the outcome is right, or what is wrong with it. */
function verdict(d: VideoDraft, preset: ExportPreset, variant: VariantPlan | null): string | null {
  // Smart render's first look runs before the compiler on every export: it must take any draft too.
  copyCandidate(d, sources, preset, variant);
  let compiled;
  try {
    compiled = compileExport(d, sources, textLayers(d), preset, '/out/x.mp4', variant);
  } catch (e) {
    if (!isAppError(e)) return `threw ${(e as Error).name}: ${(e as Error).message}`;
    if (e.code === 'internal') return `internal AppError: ${e.message}`;
    return e.message.length > 20 ? null : `AppError without a useful message: "${e.message}"`;
  }
  const problems = checkExportArgs(compiled.args, streamsOf);
  if (!(compiled.durationSec > 0 && Number.isFinite(compiled.durationSec))) problems.push(`durationSec ${compiled.durationSec}`);
  if (compiled.width % 2 || compiled.height % 2 || compiled.width < 2 || compiled.height < 2) problems.push(`odd output size ${compiled.width}x${compiled.height} (x264 needs even)`);
  return problems.length ? problems.join('\n') : null;
}

describe('compileExport over the whole draft schema', () => {
  it('every schema-valid draft compiles to well-formed arguments or is refused with an AppError', () => {
    fc.assert(
      fc.property(draftArb, presetArb, variantArb, (d, preset, variant) => {
        // The arbitraries must stay inside the schema, or the property proves nothing about real drafts.
        const parsed = VideoDraftSchema.safeParse(d);
        expect(parsed.success, parsed.error?.message).toBe(true);
        const v = verdict(d, preset, variant);
        expect(v, `${v}\n${JSON.stringify(d)}`).toBeNull();
      }),
      { numRuns: 3000 },
    );
  });

  // Shapes the property found, pinned by name: each either compiles cleanly or is refused with a reason.
  const base = (tracks: Track[], c: Partial<Canvas> = {}): VideoDraft => ({
    schemaVersion: DRAFT_SCHEMA_VERSION, kind: 'video', name: 'Shape', canvas: { preset: '9:16', width: 1080, height: 1920, fps: 30, background: '#102030', ...c }, kitId: null, tracks,
  });
  const tr = (kind: Track['kind'], clips: Track['clips'], extra: Partial<Track> = {}): Track => ({ id: `${kind}${ids++}`, kind, name: '', muted: false, hidden: false, role: null, ducking: null, clips, ...extra });
  const m = (id: string, asset: string, start: number, len: number, extra: Partial<MediaClip> = {}): MediaClip => ({
    id, type: 'media', assetId: asset, start, in: 0, out: len, speed: 1, volume: 1, fadeIn: 0, fadeOut: 0,
    transform: { reframe: 'fit', x: 0.5, y: 0.5, scale: 1, crop: { left: 0, top: 0, right: 0, bottom: 0 }, padColor: '#000000', opacity: 1, rotation: 0 }, transitionIn: null, brand: null, ...extra,
  });
  const t = (id: string, start: number, duration: number): TextClip => ({ id, type: 'text', start, duration, text: 'Hi', style: defaultTextStyle, x: 0.5, y: 0.5, maxWidth: 0.8, rotation: 0, fadeIn: 0, fadeOut: 0, styleRole: null });
  const standard: ExportPreset = { height: 'canvas', fps: 'canvas', quality: 'standard' };

  const shapes: Record<string, VideoDraft> = {
    'text only, no main track': base([tr('text', [t('a', 0, 2)])]),
    'overlay only, no main track': base([tr('overlay', [m('o', 'logo', 0, 2)])]),
    'audio only, no main track': base([tr('audio', [m('s', 'song', 0, 2)], { role: 'music' })]),
    'an empty main track under a title': base([tr('main', []), tr('text', [t('a', 0, 2)])]),
    'a text clip on the main track': base([tr('main', [m('v', 'vid', 0, 2), t('a', 0.5, 1)])]),
    'a transition into the first clip': base([tr('main', [m('v', 'vid', 0, 2, { transitionIn: { kind: 'wipeleft', duration: 1 } })])]),
    'an odd canvas': base([tr('main', [m('v', 'vid', 0, 1)])], { width: 17, height: 31 }),
  };
  for (const [name, d] of Object.entries(shapes)) {
    it(name, () => {
      expect(verdict(d, standard, null)).toBeNull();
      const { args } = compileExport(d, sources, textLayers(d), standard, '/out/x.mp4');
      // Every text clip is drawn (the preview draws text on any picture track, the main one included).
      for (const c of d.tracks.flatMap((x) => x.clips)) if (c.type === 'text') expect(args).toContain(`/cache/text/${c.id}.png`);
    });
  }

  it('refuses what cannot be rendered, saying what to do', () => {
    const refused = (d: VideoDraft) => {
      try {
        compileExport(d, sources, textLayers(d), standard, '/out/x.mp4');
      } catch (e) {
        expect(isAppError(e)).toBe(true);
        return (e as Error).message;
      }
      throw new Error('compiled');
    };
    expect(refused(base([tr('main', [m('v', 'vid', 0, 1)]), tr('main', [m('w', 'vid', 0, 1)])]))).toMatch(/2 main tracks.*one/);
    expect(refused(base([tr('text', [{ ...t('a', 0, 0.1), duration: 0.1 }])].map((x) => ({ ...x, clips: [m('z', 'blip', 0, 1e-9)] }))))).toMatch(/shorter than one frame/);
    expect(refused(base([tr('text', [t('a', 1e9, 2)])]))).toMatch(/hours/);
    expect(refused(base([tr('main', [{ ...m('v', 'vid', 0, 1), in: 20, out: 21 }])]))).toMatch(/starts at 20 s.*lasts 12 s/);
  });
});

describe('placement stays inside the source', () => {
  // ffmpeg's crop refuses a rectangle past the frame; the preview's drawImage would clip it silently.
  it('place() and visiblePart() never reach past the source, whatever the crop, scale and position', () => {
    const size = fc.oneof(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 6000 }));
    fc.assert(
      fc.property(transform, size, size, side, side, fc.boolean(), (t, w, h, cw, ch, main) => {
        const canvasSize = { width: cw, height: ch };
        const p = place(t, { width: w, height: h }, canvasSize, main);
        const inside = (r: { x: number; y: number; width: number; height: number }, W: number, H: number) => r.x >= 0 && r.y >= 0 && r.width >= 1 && r.height >= 1 && r.x + r.width <= W && r.y + r.height <= H;
        expect(inside(p.source, w, h), JSON.stringify(p.source)).toBe(true);
        const part = visiblePart(p.dest, p.source, canvasSize);
        if (part) {
          expect(inside(part.src, w, h), JSON.stringify(part)).toBe(true);
          expect(inside(part.dst, cw, ch), JSON.stringify(part)).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
