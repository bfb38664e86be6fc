import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { makeSpeech, speechFixtureUnavailable, type SpeechFixture } from '../../scripts/speech-fixture';
import type { MediaClip, VideoDraft } from '../model/draft';
import { speechSpans, spansOnTimeline } from '../model/speech-spans';
import { newMediaClip } from '../model/timeline';
import { openTempStudio, type TempStudio } from './__tests__/temp-studio';

describe('speech spans (pure)', () => {
  it('are the sounding stretches between pauses of 0.3 s or more', () => {
    // 10 ms frames: 0.5 s silence, 1 s sound, 0.2 s silence (too short to be a pause), 0.5 s sound, 0.4 s silence.
    const levels = Float32Array.from([...Array<number>(50).fill(-120), ...Array<number>(100).fill(-20), ...Array<number>(20).fill(-120), ...Array<number>(50).fill(-20), ...Array<number>(40).fill(-120)]);
    expect(speechSpans(levels)).toEqual([{ startSec: 0.5, endSec: 2.2 }]);
  });

  it('are cut to a clip’s part of the file and placed where the clip is', () => {
    const spans = [{ startSec: 0.5, endSec: 2 }, { startSec: 3, endSec: 4 }, { startSec: 6, endSec: 7 }];
    expect(spansOnTimeline(spans, 1, 4, 10)).toEqual([{ startSec: 10, endSec: 11 }, { startSec: 12, endSec: 13 }]);
    expect(spansOnTimeline(spans, 0, null, 0)).toEqual(spans);
  });
});

const why = speechFixtureUnavailable();
if (why) console.warn(`[skip] captions.speech engine test: ${why}`);

describe.skipIf(why !== null)('captions.speech (espeak-ng speech)', () => {
  let t: TempStudio;
  let f: SpeechFixture;
  let assetId: string;
  beforeAll(async () => {
    t = await openTempStudio('pf-speech-');
    f = makeSpeech(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pf-speech-wav-')), 'speech.wav'), ['Captions help people who watch without sound.', 'Every creator needs them.', 'Snap each one to the voice.'], [0.7, 1.2, 0.9]);
    const job = await t.studio.waitForJob((await t.studio.api['imports.start']({ paths: [f.file], uploads: [] })).jobId);
    assetId = job.result?.kind === 'import' ? job.result.assetIds[0]! : '';
  });
  afterAll(async () => {
    await t?.close();
    fs.rmSync(path.dirname(f?.file ?? '/nonexistent'), { recursive: true, force: true });
  });

  it('finds each sentence on the draft’s timeline, through the voiceover clip, and decodes the recording once', async () => {
    const api = t.studio.api;
    const d = await api['drafts.create']({ kind: 'video', name: 'Talk' });
    const doc = d.doc as VideoDraft;
    // The clip plays the file from 0.5 s and sits at 2 s on the timeline.
    const voice: MediaClip = { ...newMediaClip({ id: assetId, kind: 'audio', durationSec: f.durationSec }, 2, () => 'voice-1'), in: 0.5 };
    const tracks = doc.tracks.map((tr) => (tr.kind === 'audio' && tr.role === 'voiceover' ? { ...tr, clips: [voice] } : tr));
    await api['drafts.save']({ id: d.id, baseRevision: d.revision, doc: { ...doc, tracks } });
    const stream = vi.spyOn(t.studio.rooms.tools!, 'stream');
    const { spans } = await api['captions.speech']({ draftId: d.id });
    const shift = 2 - 0.5;
    expect(spans.length).toBe(f.sentences.length);
    f.sentences.forEach((s, i) => {
      expect(Math.abs(spans[i]!.startSec - (s.startSec + shift)), `sentence ${i} starts at ${s.startSec + shift}, span at ${spans[i]!.startSec}`).toBeLessThanOrEqual(0.05);
      expect(Math.abs(spans[i]!.endSec - (s.endSec + shift)), `sentence ${i} ends at ${s.endSec + shift}, span at ${spans[i]!.endSec}`).toBeLessThanOrEqual(0.05);
    });
    // Again, and for the asset itself: the cached spans, no second decode.
    expect((await api['captions.speech']({ draftId: d.id })).spans).toEqual(spans);
    const whole = await api['captions.speech']({ assetId });
    expect(whole.spans[0]!.startSec).toBeCloseTo(f.sentences[0]!.startSec, 1);
    expect(stream).toHaveBeenCalledTimes(1);
    stream.mockRestore();
  });

  it('says what to do for a draft without a recording, and refuses a call naming neither or both', async () => {
    const route = (name: string, input: unknown) => t.studio.route(name, input, t.studio.ownerCaller());
    const d = await t.studio.api['drafts.create']({ kind: 'video', name: 'Empty' });
    expect(await route('captions.speech', { draftId: d.id })).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/no voiceover or video with sound to snap captions to/) } });
    expect(await route('captions.speech', {})).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await route('captions.speech', { draftId: d.id, assetId })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await route('captions.speech', { assetId: 'nope' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
