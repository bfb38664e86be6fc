import { addCueAt, addTrack, type CaptionEdit, type CaptionEditResult, uniqueTrackName } from '../../../../../electron/model/caption-edits';
import { shownStyleFor } from '../../../../../electron/model/caption-style';
import { type CaptionTrack, languageName, LanguageTag } from '../../../../../electron/model/caption-track';
import { AppError } from '../../../../../electron/model/errors';
import { type ParsedSubtitles, parseSubtitles, SubtitleParseError, type SubtitleNote } from '../../../../../electron/model/subtitle-parse';
import { type SubtitleFormat, writeSubtitles } from '../../../../../electron/model/subtitle-write';
import { getLocale, t } from '../../../i18n';
import { useEditor } from '../../../store/editorStore';
import { languageFromFileName, subtitleFileName } from './cueListLogic';

/**
 * The cue list's actions: each document change is ONE `useEditor.edit` (one undo step); import and export run
 * in the renderer on the engine's pure parser and writer, so an import is undone like any edit.
 */

/** Applies a caption edit; the result (with the ids it made) or null when there is no draft. Refusals toast. */
export function runCaptionEdit(op: CaptionEdit, opts: { quiet?: boolean } = {}): CaptionEditResult | null {
  let out: CaptionEditResult | null = null;
  useEditor.getState().edit((doc) => (out = op(doc)), opts);
  return out;
}

/** Focuses a cue (shared with the timeline's caption row) and moves the playhead to its start. */
export function seekToCue(trackId: string, cueId: string, startSec: number): void {
  const s = useEditor.getState();
  s.setPlaying(false);
  s.setPlayhead(startSec);
  s.focusCue({ trackId, cueId });
}

const isTag = (s: string) => LanguageTag.safeParse(s).success;

/** The track a new caption goes to when the draft has none: named for the app's language. */
export function defaultTrackLanguage(): string {
  const locale = getLocale().split('-')[0] ?? 'en';
  return isTag(locale) ? locale : 'en';
}

/**
 * Adds a caption at the playhead to `trackId`, or (no track yet) a new track with it, in one undo step. Returns
 * the new cue's place, or null when refused (the toast says why).
 */
export function addCaptionAtPlayhead(trackId: string | null): { trackId: string; cueId: string } | null {
  const t0 = useEditor.getState().playhead;
  const text = t('captions.newCueText');
  const r = runCaptionEdit((doc) => {
    if (trackId) return addCueAt(trackId, t0, text)(doc);
    const lang = defaultTrackLanguage();
    const made = addTrack({ name: uniqueTrackName(languageName(lang), doc.captions ?? []), language: lang, styleId: shownStyleFor([]) })(doc);
    return made.ok ? addCueAt(made.trackId!, t0, text)(made.draft) : made;
  });
  if (!r?.ok || !r.trackId || !r.cueId) return null;
  useEditor.getState().focusCue({ trackId: r.trackId, cueId: r.cueId });
  return { trackId: r.trackId, cueId: r.cueId };
}

/** What reading a subtitle file gave: cues and warnings to add as a track, or the problems (with lines) to fix. */
export type ReadSubtitles =
  | { ok: true; fileName: string; parsed: ParsedSubtitles; language: string; name: string }
  | { ok: false; fileName: string; message: string; problems: SubtitleNote[] };

export async function readSubtitleFile(file: File): Promise<ReadSubtitles> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  try {
    // The format by its content (a "WEBVTT" first line), not the name: files get renamed.
    const parsed = parseSubtitles(bytes);
    const language = languageFromFileName(file.name, isTag) ?? defaultTrackLanguage();
    return { ok: true, fileName: file.name, parsed, language, name: uniqueTrackName(languageName(language), useEditor.getState().doc?.captions ?? []) };
  } catch (e) {
    if (e instanceof SubtitleParseError) return { ok: false, fileName: file.name, message: e.message, problems: e.problems };
    if (e instanceof AppError) return { ok: false, fileName: file.name, message: e.message, problems: [] };
    throw e;
  }
}

/** Adds the read file as a new track (one undo step) and shows it. */
export function addImportedTrack(read: Extract<ReadSubtitles, { ok: true }>, name: string, language: string): string | null {
  const r = runCaptionEdit(addTrack({ name, language, cues: read.parsed.cues, styleId: shownStyleFor(read.parsed.cues) }));
  return r?.ok ? r.trackId : null;
}

/** Downloads the track as SRT or WebVTT, named "Draft name.<lang>.<ext>". */
export function downloadSubtitles(track: CaptionTrack, format: SubtitleFormat, draftName: string): void {
  const text = writeSubtitles(track, format);
  const blob = new Blob([text], { type: format === 'srt' ? 'application/x-subrip' : 'text/vtt' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = subtitleFileName(draftName, track, format);
  document.body.append(a);
  a.click();
  a.remove();
  // The download has taken the blob by then; the URL is no longer needed.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
