import { describe, expect, it } from 'vitest';
import { newVideoDraft, type MediaClip, type VideoDraft } from '../../../../../electron/model/draft';
import { MODEL_CATALOGUE, type ModelId, type ModelList } from '../../../../../electron/model/whisper-models';
import { modelFor, speechAudioOf, trackLanguageOf, tracksInLanguage } from './captionJobLogic';

let n = 0;
const clip = (assetId: string, extra: Partial<MediaClip> = {}): MediaClip =>
  ({ id: `c${++n}`, type: 'media', assetId, start: 0, in: 0, out: 5, speed: 1, volume: 1, fadeIn: 0, fadeOut: 0, transform: { x: 0, y: 0, scale: 1, rotation: 0, opacity: 1, fit: 'fill' }, transitionIn: null, brand: null, ...extra }) as MediaClip;
const draft = (main: MediaClip[], voice: MediaClip[] = []): VideoDraft => {
  const d = newVideoDraft('Talk', '9:16', 30, (p) => `${p}${++n}`);
  return {
    ...d,
    tracks: d.tracks.map((t) => (t.kind === 'main' ? { ...t, clips: main } : t.kind === 'audio' && t.role === 'voiceover' ? { ...t, clips: voice } : t)),
  };
};
const assets = { v: { kind: 'video' as const, name: 'take.mp4' }, a: { kind: 'audio' as const, name: 'voice.wav' }, p: { kind: 'image' as const, name: 'photo.jpg' } };

describe('speechAudioOf (which recording a caption job reads)', () => {
  it('prefers the voiceover, else the main track, and names the recording', () => {
    expect(speechAudioOf(draft([clip('v')]), assets)).toMatchObject({ kind: 'clip', role: 'main', name: 'take.mp4' });
    expect(speechAudioOf(draft([clip('v')], [clip('a')]), assets)).toMatchObject({ kind: 'clip', role: 'voiceover', name: 'voice.wav' });
  });

  it('skips pictures, reports nothing to read, and marks what the engine refuses (several clips, changed speed)', () => {
    expect(speechAudioOf(draft([clip('p')]), assets)).toEqual({ kind: 'none' });
    expect(speechAudioOf(draft([]), assets)).toEqual({ kind: 'none' });
    expect(speechAudioOf(draft([clip('v'), clip('v', { start: 5 })]), assets)).toEqual({ kind: 'refused', role: 'main', clips: 2 });
    expect(speechAudioOf(draft([clip('v', { speed: 2 })]), assets)).toEqual({ kind: 'refused', role: 'main', clips: 1 });
  });
});

describe('tracksInLanguage', () => {
  it('matches a language with or without its region', () => {
    const d: VideoDraft = {
      ...draft([]),
      captions: [
        { id: 'a', language: 'en-GB', name: 'English (UK)', cues: [] },
        { id: 'b', language: 'fi', name: 'Finnish', cues: [] },
      ],
    };
    expect(tracksInLanguage(d, 'en').map((t) => t.id)).toEqual(['a']);
    expect(tracksInLanguage(d, 'fi').map((t) => t.id)).toEqual(['b']);
    expect(tracksInLanguage(d, 'sv')).toEqual([]);
  });
});

describe('modelFor (the model auto-captions will use)', () => {
  const list = (installed: ModelId[], active: ModelId | null, available = true): ModelList => ({
    folder: '/m',
    active,
    chosen: null,
    recognizer: { available, reason: available ? null : 'Speech recognition is not available on this platform.' },
    models: MODEL_CATALOGUE.map((m) => ({ ...m, installed: installed.includes(m.id), sizeBytes: null, partialBytes: 0, source: null, sha256: null })),
  });
  it('waits for the list, and says why the recogniser is missing before anything about models', () => {
    expect(modelFor(null, 'en')).toEqual({ kind: 'loading' });
    expect(modelFor(list(['base'], 'base', false), 'en')).toEqual({ kind: 'unavailable', reason: 'Speech recognition is not available on this platform.' });
  });
  it('uses the chosen model when it speaks the language, else the best installed that does', () => {
    expect(modelFor(list([], null), 'en')).toEqual({ kind: 'none', anyInstalled: false });
    expect(modelFor(list(['tiny', 'base.en'], 'tiny'), 'en')).toEqual({ kind: 'model', id: 'tiny' });
    expect(modelFor(list(['tiny', 'base.en'], null), 'en')).toEqual({ kind: 'model', id: 'base.en' });
    expect(modelFor(list(['tiny', 'base.en'], 'base.en'), 'fi')).toEqual({ kind: 'model', id: 'tiny' });
    expect(modelFor(list(['base.en'], 'base.en'), 'und')).toEqual({ kind: 'none', anyInstalled: true });
  });
});

describe('trackLanguageOf', () => {
  it('keeps the asked language, and takes the heard one when detecting', () => {
    expect(trackLanguageOf('fi', 'en')).toBe('fi');
    expect(trackLanguageOf('und', 'fi')).toBe('fi');
    expect(trackLanguageOf('und', null)).toBe('und');
  });
});
