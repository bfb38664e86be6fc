import fs from 'node:fs/promises';
import path from 'node:path';
import { uploadPath } from '../import/importer';
import { draftNotFound } from '../library/drafts-repo';
import { CAPTION_TRACKS_MAX, type CaptionTrack, freeId, languageName } from '../model/caption-track';
import { VideoDraft } from '../model/draft';
import { AppError } from '../model/errors';
import { SUBTITLE_MAX_BYTES } from '../model/subtitle-decode';
import { parseSubtitles, srtAltersText } from '../model/subtitle-parse';
import { writeSubtitles } from '../model/subtitle-write';
import { rasterizeDraftCaptions } from './caption-raster';
import type { ApiPart, StudioContext } from './context';
import { draftActor, requireTemplateWriter, templateGate } from './template-gate';

type CaptionCalls = 'captions.import' | 'captions.export' | 'captions.render';

/** The file's bytes: a path the gate lets this front door read, or our own upload (removed once read). */
async function readSource(ctx: StudioContext, input: { path?: string; upload?: { id: string; name: string } }): Promise<{ bytes: Uint8Array; name: string }> {
  const file = input.upload ? uploadPath(ctx.rooms.folder, input.upload.id) : await ctx.paths.check(input.path!, 'import');
  const name = input.upload ? input.upload.name : path.basename(file);
  try {
    const st = await fs.stat(file).catch(() => null);
    if (!st?.isFile()) throw new AppError('not_found', input.upload ? 'The uploaded subtitle file is gone. Upload it again.' : `There is no file at ${file}. Check the path.`);
    if (st.size > SUBTITLE_MAX_BYTES) throw new AppError('too_large', `${name} is ${Math.round(st.size / 1024 / 1024)} MB; subtitle files are far smaller. Choose an .srt or .vtt file.`);
    return { bytes: new Uint8Array(await fs.readFile(file)), name };
  } finally {
    if (input.upload) await fs.rm(file, { force: true });
  }
}

function videoDraftOf(ctx: StudioContext, id: string) {
  const rec = ctx.rooms.drafts.get(id);
  if (!rec) throw draftNotFound();
  if (rec.doc.kind !== 'video') throw new AppError('invalid_input', `“${rec.doc.name}” is an image post; captions go on video drafts.`);
  return { rec, doc: rec.doc };
}

/** "Launch teaser.en.srt": the draft's name made safe for any file system, the language, the format. */
function exportFileName(draftName: string, track: CaptionTrack, format: 'srt' | 'vtt'): string {
  // eslint-disable-next-line no-control-regex -- control characters are among what file names cannot hold
  const safe = draftName.replace(/[\u0000-\u001f<>:"/\\|?*]+/g, ' ').replace(/\s+/g, ' ').trim().replace(/[. ]+$/, '').slice(0, 120) || 'captions';
  return `${safe}.${track.language === 'und' ? track.id : track.language}.${format}`;
}

/** Captions on video drafts: SRT/WebVTT in and out, and the preview's burned-in pictures (docs/captions.md). Editing them is drafts.save. */
export function captionsApi(ctx: StudioContext): ApiPart<CaptionCalls> {
  return {
    async 'captions.import'(input) {
      // Read first: an upload is removed whatever happens next, and nothing is awaited between reading the draft and saving it.
      const { bytes, name: fileName } = await readSource(ctx, input);
      const actor = draftActor(ctx, input.actorId);
      requireTemplateWriter(ctx, actor, input.draftId);
      const { rec, doc } = videoDraftOf(ctx, input.draftId);
      const parsed = parseSubtitles(bytes, { format: input.format });
      const existing = doc.captions ?? [];
      if (existing.length >= CAPTION_TRACKS_MAX) throw new AppError('invalid_input', `This draft already has ${CAPTION_TRACKS_MAX} caption tracks, the most it can hold. Delete one first.`);
      const language = Intl.getCanonicalLocales(input.language)[0]!;
      const trackName = input.name ?? (language === 'und' ? path.parse(fileName).name.slice(0, 80).trim() || 'Captions' : languageName(language).slice(0, 80));
      const track: CaptionTrack = { id: freeId('captions', new Set(existing.map((t) => t.id))), language, name: trackName, cues: parsed.cues };
      const next = VideoDraft.safeParse({ ...doc, captions: [...existing, track] });
      if (!next.success) throw new AppError('internal', `The imported captions did not fit the draft (${next.error.issues[0]?.message ?? 'unknown'}).`);
      const base = input.baseRevision ?? rec.revision;
      const saved = ctx.rooms.drafts.save(input.draftId, base, next.data, templateGate(ctx, actor, input.draftId));
      ctx.emit('drafts.changed', { reason: 'saved', ids: [input.draftId] });
      return { revision: saved.revision, previousRevision: base, trackId: track.id, cueCount: track.cues.length, format: parsed.format, encoding: parsed.encoding, warnings: parsed.warnings };
    },
    async 'captions.export'(input) {
      const { doc } = videoDraftOf(ctx, input.draftId);
      const track = doc.captions?.find((t) => t.id === input.trackId);
      if (!track) throw new AppError('not_found', 'That caption track is not in this draft any more. Reopen the draft.');
      const warnings: string[] = [];
      if (input.format === 'srt') {
        if (track.cues.some((c) => c.words)) warnings.push('SRT has no word timings: word-by-word styles need the WebVTT file or the draft itself.');
        if (track.cues.some((c) => c.speaker)) warnings.push('SRT has no speakers: they are left out (WebVTT keeps them).');
        const altered = track.cues.filter((c) => srtAltersText(c.text)).length;
        if (altered) warnings.push(`${altered} caption${altered === 1 ? ' contains' : 's contain'} text that players read as SRT styling (like <i> or {\\an8}); export WebVTT to keep it as written.`);
      }
      return { text: writeSubtitles(track, input.format), fileName: exportFileName(doc.name, track, input.format), cueCount: track.cues.length, warnings };
    },
    /** The preview's pictures of a burned-in track: the export's rasteriser and kit resolution, cached by content. */
    async 'captions.render'(input) {
      const raster = await rasterizeDraftCaptions(ctx.rooms, { kitId: input.kitId, canvas: input.canvas }, input.track);
      return { frames: (raster?.frames ?? []).map(({ key, left, top, width, height, startSec, endSec }) => ({ key, left, top, width, height, startSec, endSec })) };
    },
  };
}
