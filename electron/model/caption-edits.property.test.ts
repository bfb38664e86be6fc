import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkTrack } from './caption-checks';
import { addCueAt, addTrack, applyCaptionFix, type CaptionEdit, deleteCue, mergeWithNext, removeTrack, renameTrack, setCueText, setTrackStyle, splitCue } from './caption-edits';
import { captionStyleIds } from './caption-style';
import { CaptionTrack, CaptionTracks, cueTokens } from './caption-track';
import { newVideoDraft, type VideoDraft } from './draft';

/**
 * Any sequence of caption edits on any valid track keeps the captions valid (CaptionTracks parses them, to the
 * same value) and loses no word except those an op deletes: a deleted cue's, a removed track's, or the text a
 * setCueText replaced. Each step's input is frozen, so an op that mutated its input would throw.
 */

const word = fc.constantFrom('a', 'I', 'the', 'caption', 'well,', 'stop.', 'näin', '😀', 'x'.repeat(45));
const cueArb = fc.record({
  start: fc.double({ min: 0, max: 60, noNaN: true }),
  dur: fc.double({ min: 0.001, max: 6, noNaN: true }),
  words: fc.array(word, { minLength: 1, maxLength: 12 }),
  breaks: fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
  timed: fc.boolean(),
  seed: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 24, maxLength: 24 }),
});
const trackArb = fc.array(cueArb, { minLength: 0, maxLength: 8 }).map((cs) => {
  const cues = cs
    .sort((a, b) => a.start - b.start)
    .map((c, i) => {
      const text = c.words.map((w, k) => (k === 0 ? w : (c.breaks[k] ? '\n' : ' ') + w)).join('');
      const points = c.seed.slice(0, c.words.length * 2).map((p) => c.start + p * c.dur).sort((a, b) => a - b);
      const words = c.timed ? c.words.map((w, k) => ({ text: w, startSec: points[2 * k]!, endSec: points[2 * k + 1]! })) : undefined;
      return { id: `c${i}`, text, startSec: c.start, endSec: c.start + c.dur, ...(words ? { words } : {}) };
    });
  return CaptionTrack.parse({ id: 't', language: 'en', name: 'English', cues });
});

/** An op chosen against the current document (so it names tracks and cues that exist, mostly). */
type Op = { kind: string; pick: number; pick2: number; t: number; text: string };
const opArb: fc.Arbitrary<Op> = fc.record({
  kind: fc.constantFrom('addTrack', 'removeTrack', 'rename', 'style', 'text', 'split', 'merge', 'delete', 'add', 'fix'),
  pick: fc.nat(50),
  pick2: fc.nat(200),
  t: fc.double({ min: -1, max: 80, noNaN: true }),
  text: fc.oneof(fc.constantFrom('', '  ', 'one two', 'a --> b', 'new\n\nline', 'stop. go'), fc.string({ maxLength: 30 })),
});

type Built = { op: CaptionEdit; removes: (doc: VideoDraft) => string[]; adds: string[] };

function build(doc: VideoDraft, o: Op): Built {
  const tracks = doc.captions ?? [];
  const track = tracks[o.pick % Math.max(1, tracks.length)];
  const trackId = track?.id ?? 'missing';
  const cue = track?.cues[o.pick2 % Math.max(1, track.cues.length)];
  const cueId = cue?.id ?? 'missing';
  const none = () => [] as string[];
  const cueWords = (d: VideoDraft) => (d.captions ?? []).find((t) => t.id === trackId)?.cues.find((c) => c.id === cueId)?.text ?? '';
  switch (o.kind) {
    case 'addTrack':
      return { op: addTrack({ name: o.text || 'T', language: o.pick % 2 ? 'fi' : 'en', cues: o.pick % 3 ? [] : [{ id: 'n', text: 'fresh words', startSec: 1, endSec: 2 }] }), removes: none, adds: ['fresh', 'words'] };
    case 'removeTrack':
      return { op: removeTrack(trackId), removes: (d) => (d.captions ?? []).find((t) => t.id === trackId)?.cues.flatMap((c) => cueTokens(c.text)) ?? [], adds: [] };
    case 'rename':
      return { op: renameTrack(trackId, o.text, o.pick % 3 === 0 ? 'fi' : undefined), removes: none, adds: [] };
    case 'style':
      return { op: setTrackStyle(trackId, o.pick % 6 === 5 ? null : o.pick % 7 === 6 ? 'bogus' : captionStyleIds[o.pick % 5]!), removes: none, adds: [] };
    case 'text':
      return { op: setCueText(trackId, cueId, o.text), removes: (d) => cueTokens(cueWords(d)), adds: cueTokens(o.text) };
    case 'split':
      return { op: splitCue(trackId, cueId, o.pick2 % ((cue?.text.length ?? 0) + 2)), removes: none, adds: [] };
    case 'merge':
      return { op: mergeWithNext(trackId, cueId), removes: none, adds: [] };
    case 'delete':
      return { op: deleteCue(trackId, cueId), removes: (d) => cueTokens(cueWords(d)), adds: [] };
    case 'add':
      return { op: addCueAt(trackId, o.t, o.text), removes: none, adds: cueTokens(o.text) };
    default: {
      const findings = track ? checkTrack(track).filter((f) => f.fix) : [];
      const f = findings[o.pick2 % Math.max(1, findings.length)];
      return { op: applyCaptionFix(trackId, f?.fix?.change ?? { kind: 'setEnd', cueId, endSec: 1 }), removes: none, adds: [] };
    }
  }
}

const allWords = (d: VideoDraft) => (d.captions ?? []).flatMap((t) => t.cues.flatMap((c) => cueTokens(c.text)));

function multiset(words: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const w of words) m.set(w, (m.get(w) ?? 0) + 1);
  return m;
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}

describe('caption edits, any sequence', () => {
  it('keep the tracks valid and lose no word an op does not delete', () => {
    const base = newVideoDraft('P', '9:16', 30, (p) => `${p}-1`);
    fc.assert(
      fc.property(fc.array(trackArb, { maxLength: 2 }), fc.array(opArb, { maxLength: 14 }), (tracks, ops) => {
        let doc: VideoDraft = deepFreeze({ ...base, captions: tracks.map((t, i) => ({ ...t, id: `t${i}` })) });
        for (const o of ops) {
          const { op, removes, adds } = build(doc, o);
          const before = allWords(doc);
          const removed = removes(doc);
          const r = op(doc);
          if (!r.ok) {
            expect(r.message.length).toBeGreaterThan(10);
            continue;
          }
          const parsed = CaptionTracks.safeParse(r.draft.captions);
          expect(parsed.success, `${o.kind}: ${parsed.error?.issues[0]?.message}`).toBe(true);
          expect(parsed.data).toEqual(r.draft.captions);
          // Every word before, less what the op deletes, is still there (new ones may be added).
          const after = multiset(allWords(r.draft));
          const need = multiset(before);
          for (const w of removed) need.set(w, (need.get(w) ?? 0) - 1);
          for (const [w, count] of need) expect(after.get(w) ?? 0, `${o.kind} lost "${w}"`).toBeGreaterThanOrEqual(count);
          // And nothing appears that the op did not bring.
          const allowed = multiset([...before, ...adds]);
          for (const [w, count] of after) expect(count, `${o.kind} invented "${w}"`).toBeLessThanOrEqual(allowed.get(w) ?? 0);
          doc = deepFreeze(r.draft);
        }
      }),
      { numRuns: 250 },
    );
  });
});
