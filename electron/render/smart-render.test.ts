import { describe, expect, it } from 'vitest';
import type { StreamFacts } from '../media/stream-facts';
import { parseKeyframePackets } from '../media/stream-facts';
import type { ExportPreset } from '../model/draft-record';
import type { SourceFacts } from './compiler';
import { concatQuote, copyCandidate, planStreamCopy } from './smart-render';
import { draft, media, text, track, videoFacts } from './test-drafts';

const preset: ExportPreset = { height: 'canvas', fps: 'canvas', quality: 'standard' };
const sources = new Map<string, SourceFacts>([
  ['a', videoFacts('/m/a.mp4', 1080, 1920)],
  ['b', videoFacts('/m/b.mp4', 1080, 1920)],
]);
const cuts = (extra: Parameters<typeof track>[3] = {}) => draft([track('main', 'main', [media('c1', 'a', 0, 0, 2), media('c2', 'b', 2, 1, 4)], extra)]);

const facts = (over: Partial<StreamFacts['video']> = {}, audio: StreamFacts['audio'] = { codec: 'aac', sampleRate: 48000, channels: 2 }): StreamFacts => ({
  video: { codec: 'h264', profile: 'High', pixFmt: 'yuv420p', width: 1080, height: 1920, fps: 30, timeBase: '1/15360', ...over },
  audio,
  keyframes: [0, 1, 2, 3, 4],
});
const paths = new Map([
  ['a', '/m/a.mp4'],
  ['b', "/m/it's b.mp4"],
]);

describe('copyCandidate: only cuts of clips shown as recorded', () => {
  it('accepts clips laid end to end on the main track at the canvas size and rate', () => {
    const r = copyCandidate(cuts(), sources, preset);
    expect(r).toMatchObject({ ok: true });
    expect(r.ok && r.clips.map((c) => c.id)).toEqual(['c1', 'c2']);
    expect(copyCandidate(cuts(), sources, { ...preset, height: 1920, fps: 30 }).ok).toBe(true);
  });

  it.each([
    ['a preset that resizes', cuts(), { ...preset, height: 1080 as const }, /size/],
    ['a preset that changes the rate', cuts(), { ...preset, fps: 60 as const }, /frame rate/],
    ['a preset for a smaller file', cuts(), { ...preset, quality: 'small' as const }, /smaller file/],
    ['a gap', draft([track('main', 'main', [media('c1', 'a', 0, 0, 2), media('c2', 'b', 2.5, 1, 4)])]), preset, /gap/],
    ['a speed change', draft([track('main', 'main', [media('c1', 'a', 0, 0, 2, { speed: 2 })])]), preset, /speed/],
    ['a fade', draft([track('main', 'main', [media('c1', 'a', 0, 0, 2, { fadeIn: 0.5 })])]), preset, /fades/],
    ['a zoom', draft([track('main', 'main', [media('c1', 'a', 0, 0, 2, { transform: { ...media('x', 'a', 0, 0, 1).transform, scale: 1.2 } })])]), preset, /scaled/],
    ['a title', draft([track('main', 'main', [media('c1', 'a', 0, 0, 2)]), track('t', 'text', [text('t1', 'Hi', 0, 1)])]), preset, /other tracks/],
    ['a muted main track', cuts({ muted: true }), preset, /muted/],
  ])('refuses %s', (_what, d, p, reason) => {
    const r = copyCandidate(d, sources, p);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toMatch(reason);
  });

  it('ignores a track that can neither be seen nor heard', () => {
    const d = draft([track('main', 'main', [media('c1', 'a', 0, 0, 2)]), track('t', 'text', [text('t1', 'Hi', 0, 1)], { hidden: true, muted: true })]);
    expect(copyCandidate(d, sources, preset).ok).toBe(true);
  });

  it.each([
    ['another size', videoFacts('/m/a.mp4', 720, 1280), /canvas size/],
    ['another rate', videoFacts('/m/a.mp4', 1080, 1920, { fps: 25 }), /frame rate/],
    ['no sound', videoFacts('/m/a.mp4', 1080, 1920, { hasAudio: false }), /no sound/],
    ['a rotation', videoFacts('/m/a.mp4', 1080, 1920, { rotation: 90 }), /rotated/],
  ])('refuses a source with %s', (_what, facts, reason) => {
    const r = copyCandidate(cuts(), new Map([...sources, ['a', facts]]), preset);
    expect(!r.ok && r.reason).toMatch(reason);
  });
});

describe('planStreamCopy: compatible streams, cuts on keyframes', () => {
  const clips = () => {
    const r = copyCandidate(cuts(), sources, preset);
    if (!r.ok) throw new Error(r.reason);
    return r.clips;
  };
  const canvas = cuts().canvas;

  it('writes an ffconcat list with each cut, quoting paths', () => {
    const plan = planStreamCopy(clips(), canvas, paths, new Map([['a', facts()], ['b', facts()]]));
    expect(plan).toEqual({
      ok: true,
      durationSec: 5,
      concat: "ffconcat version 1.0\nfile '/m/a.mp4'\ninpoint 0.000000\noutpoint 2.000000\nfile '/m/it'\\''s b.mp4'\ninpoint 1.000000\noutpoint 4.000000\n",
    });
  });

  it('snaps a start within half a frame to its keyframe, and refuses one further away', () => {
    const near = { ...facts(), keyframes: [0, 1.01] };
    const plan = planStreamCopy(clips(), canvas, paths, new Map([['a', facts()], ['b', near]]));
    expect(plan.ok && plan.concat).toContain('inpoint 1.010000');
    const far = { ...facts(), keyframes: [0, 1.1] };
    expect(planStreamCopy(clips(), canvas, paths, new Map([['a', facts()], ['b', far]]))).toEqual({ ok: false, reason: 'a cut does not start on a keyframe' });
  });

  it.each([
    ['another profile', facts({ profile: 'Main' }), /different settings/],
    ['another time base', facts({ timeBase: '1/90000' }), /different settings/],
    ['HEVC', facts({ codec: 'hevc' }), /re-encoded/],
    ['10-bit 4:2:2', facts({ pixFmt: 'yuv422p10le' }), /re-encoded/],
    ['MP3 sound', facts({}, { codec: 'mp3', sampleRate: 48000, channels: 2 }), /re-encoded/],
  ])('refuses a second file with %s', (_what, second, reason) => {
    const r = planStreamCopy(clips(), canvas, paths, new Map([['a', facts()], ['b', second]]));
    expect(!r.ok && r.reason).toMatch(reason);
  });

  it('quotes single quotes the ffconcat way', () => {
    expect(concatQuote("/a/b'c d.mp4")).toBe("'/a/b'\\''c d.mp4'");
  });
});

describe('parseKeyframePackets', () => {
  it('keeps the times of packets flagged K, in order, skipping unreadable lines', () => {
    expect(parseKeyframePackets('0.000000,K__\n0.033333,___\n2.000000,K__\nN/A,K__\n1.000000,K_\n\n')).toEqual([0, 1, 2]);
  });
});
