import { readPcm } from '../media/aligner';
import { type Span, frameLevels } from '../model/speech-chunks';
import { speechSpans, spansOnTimeline } from '../model/speech-spans';
import { type ApiPart, type StudioContext, requireTools } from './context';
import { type SpeechSource, assetSpeechSource, draftSpeechSource } from './speech-source';

/**
 * `captions.speech` (docs/captions.md "Timeline row"): where someone speaks in a draft's voiceover (else main
 * track) recording, on the draft's timeline, for the caption row to draw and snap cues to. The same audio Sync to
 * script reads (speech-source.ts) and the same pause detection (speech-chunks.ts).
 *
 * The whole file is decoded once and its spans cached by the file (originals are content-addressed, so the path
 * names the bytes): trimming or moving the clip afterwards only re-cuts the cached spans. Open to every role, as
 * drafts.get is: it reads a draft's recording and writes nothing.
 */

/** Recordings whose spans are kept: a few drafts' worth; each entry is a few kilobytes. */
const CACHE_MAX = 32;

export function captionSpeechApi(ctx: StudioContext): ApiPart<'captions.speech'> {
  const cache = new Map<string, Promise<Span[]>>();

  function fileSpans(file: string): Promise<Span[]> {
    const hit = cache.get(file);
    if (hit) {
      // Most recently used last, so the oldest is the one dropped.
      cache.delete(file);
      cache.set(file, hit);
      return hit;
    }
    const tools = requireTools(ctx.rooms, 'Snapping captions to speech needs FFmpeg to read the audio. Install FFmpeg and try again.');
    const p = readPcm(tools, { file }).then((pcm) => speechSpans(frameLevels(pcm)));
    cache.set(file, p);
    // A failure is not remembered: the next call tries again (ffmpeg installed, the file back).
    p.catch(() => cache.delete(file));
    while (cache.size > CACHE_MAX) cache.delete(cache.keys().next().value!);
    return p;
  }

  return {
    async 'captions.speech'(input) {
      const rooms = ctx.rooms;
      const src: SpeechSource = input.draftId ? draftSpeechSource(rooms, input.draftId, 'speech') : assetSpeechSource(rooms, input.assetId!);
      const spans = spansOnTimeline(await fileSpans(src.file), src.fromSec, src.durationSec, src.timelineSec);
      return { assetId: src.assetId, spans };
    },
  };
}
