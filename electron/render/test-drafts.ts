import { type MediaClip, type TextClip, type Track, type VideoDraft, DRAFT_SCHEMA_VERSION, defaultTextStyle, defaultTransform } from '../model/draft';
import type { SourceFacts } from './compiler';

/**
 * Small builders for drafts in tests and benchmarks (compiler goldens, render tests, the render bench):
 * explicit ids and every field spelled out, so a golden file changes only when the compiler does.
 */

export function track(id: string, kind: Track['kind'], clips: Track['clips'], extra: Partial<Track> = {}): Track {
  return { id, kind, name: id, muted: false, hidden: false, role: null, ducking: null, clips, ...extra };
}

export function media(id: string, assetId: string, start: number, inSec: number, outSec: number, extra: Partial<MediaClip> = {}): MediaClip {
  return {
    id, type: 'media', assetId, start, in: inSec, out: outSec, speed: 1, volume: 1, fadeIn: 0, fadeOut: 0,
    transform: defaultTransform('fill'), transitionIn: null, brand: null, ...extra,
  };
}

export function text(id: string, body: string, start: number, duration: number, extra: Partial<TextClip> = {}): TextClip {
  return { id, type: 'text', start, duration, text: body, style: defaultTextStyle, x: 0.5, y: 0.5, maxWidth: 0.8, rotation: 0, fadeIn: 0, fadeOut: 0, styleRole: null, ...extra };
}

export function draft(tracks: Track[], canvas: Partial<VideoDraft['canvas']> = {}): VideoDraft {
  return {
    schemaVersion: DRAFT_SCHEMA_VERSION,
    kind: 'video',
    name: 'Test',
    canvas: { preset: '9:16', width: 1080, height: 1920, fps: 30, background: '#000000', ...canvas },
    kitId: null,
    tracks,
  };
}

export function videoFacts(file: string, width: number, height: number, extra: Partial<SourceFacts> = {}): SourceFacts {
  return { path: file, kind: 'video', width, height, rotation: 0, durationSec: 12, hasAudio: true, fps: 30, ...extra };
}

export function audioFacts(file: string, durationSec: number): SourceFacts {
  return { path: file, kind: 'audio', width: null, height: null, rotation: 0, durationSec, hasAudio: true, fps: null };
}

/**
 * The render bench's reference composition (issue 3): three 1920x1080 clips trimmed to 8 + 10 + 6 s,
 * reframed to 1080x1920 by centre crop, back to back; a title for 0–5 s; music at 30% under the clips.
 */
export function benchDraft(): VideoDraft {
  return draft([
    track('main', 'main', [media('c1', 'clip1', 0, 1, 9), media('c2', 'clip2', 8, 2, 12), media('c3', 'clip3', 18, 3, 9)]),
    track('title', 'text', [text('t1', 'Summer in the city', 0, 5, { y: 0.2 })]),
    track('music', 'audio', [media('m1', 'music', 0, 0, 24, { volume: 0.3 })], { role: 'music', ducking: { enabled: false, level: 0.3 } }),
  ]);
}
