import type { Asset } from '../../../../../electron/model/asset';
import type { CaptionTrack } from '../../../../../electron/model/caption-track';
import type { MediaClip, VideoDraft } from '../../../../../electron/model/draft';
import { catalogueModel, type ModelId, type ModelList, pickModel } from '../../../../../electron/model/whisper-models';

/**
 * What the caption job dialogs (Sync to script, Auto-captions) show before and after a job, as pure functions of
 * the draft, its assets and the models list. Which recording the engine reads is decided by the engine
 * (electron/studio/speech-source.ts); this mirrors its choice only to *name* it, and leaves the refusal wording
 * (several clips, changed speed) to the engine's own answer.
 */

export type SpeechAudio =
  | { kind: 'none' }
  /** The recording the job reads: one clip at 1×. */
  | { kind: 'clip'; role: 'voiceover' | 'main'; clip: MediaClip; name: string }
  /** The engine will refuse (several clips or a changed speed): its message says what to do. */
  | { kind: 'refused'; role: 'voiceover' | 'main'; clips: number };

export function speechAudioOf(doc: VideoDraft, assets: Readonly<Record<string, Pick<Asset, 'kind' | 'name'>>>): SpeechAudio {
  const media = (role: 'voiceover' | 'main') => {
    const track = doc.tracks.find((t) => (role === 'voiceover' ? t.kind === 'audio' && t.role === 'voiceover' : t.kind === 'main'));
    return (track?.clips ?? []).filter((c): c is MediaClip => c.type === 'media' && assets[c.assetId]?.kind !== 'image');
  };
  const voice = media('voiceover');
  const role = voice.length > 0 ? 'voiceover' : 'main';
  const clips = voice.length > 0 ? voice : media('main');
  if (clips.length === 0) return { kind: 'none' };
  const clip = clips[0]!;
  if (clips.length > 1 || clip.speed !== 1 || clip.speedRamp) return { kind: 'refused', role, clips: clips.length };
  return { kind: 'clip', role, clip, name: assets[clip.assetId]?.name ?? '' };
}

/** The draft's caption tracks in a language ("en" matches "en-GB"): the ones "Replace" may put the cues into. */
export function tracksInLanguage(doc: Pick<VideoDraft, 'captions'>, language: string): CaptionTrack[] {
  const base = (tag: string) => tag.toLowerCase().split('-')[0];
  return (doc.captions ?? []).filter((t) => base(t.language) === base(language));
}

export type AutoLanguage = 'en' | 'fi' | 'und';

export type ModelChoice =
  | { kind: 'loading' }
  /** The whisper.cpp binding is not there for this platform: its reason. */
  | { kind: 'unavailable'; reason: string }
  /** No installed model can transcribe the language (none at all, or only English-only ones for Finnish). */
  | { kind: 'none'; anyInstalled: boolean }
  | { kind: 'model'; id: ModelId };

/**
 * The model auto-captions will use for a language, as the engine picks it (models.resolve): the active (chosen)
 * one when it speaks the language, else the best installed that does. "Detect" (und) needs a multilingual model.
 */
export function modelFor(list: ModelList | null, language: AutoLanguage): ModelChoice {
  if (!list) return { kind: 'loading' };
  if (!list.recognizer.available) return { kind: 'unavailable', reason: list.recognizer.reason ?? '' };
  const installed = list.models.filter((m) => m.installed).map((m) => catalogueModel(m.id));
  const pick = pickModel(installed, language, list.active);
  return pick ? { kind: 'model', id: pick.id } : { kind: 'none', anyInstalled: installed.length > 0 };
}

/** The track name and language tag cues from a job get: the language heard (auto-captions may detect it). */
export function trackLanguageOf(asked: string, heard: string | null): string {
  if (asked !== 'und') return asked;
  return heard && heard !== 'auto' ? heard : 'und';
}
