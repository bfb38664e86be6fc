import { z } from 'zod';
import type { CaptionTrack } from './caption-track';
import { channelLimits } from './channels';
import type { ChannelId } from './post';
import { writeSrt } from './subtitle-write';

/**
 * Caption files that travel beside a delivered video ("sidecars"; docs/delivery.md "Caption files"): which channels
 * take one, which of the draft's caption tracks go, and what each file is called. Pure: the engine writes the
 * files, the connectors carry them, the composer warns about a post that has none.
 *
 * Which tracks go (posts have no language of their own, so nothing can pick "the post's language"):
 * - a channel that takes one file a video (LinkedIn): the draft's first track with cues;
 * - a channel that takes one file per language (YouTube, Facebook): the first track with cues of each language, in
 *   the draft's order (a second track in the same language, e.g. an SDH copy, would get the same file name);
 * - tracks without cues never go. A burned-in track goes too: the picture shows it, the file lets viewers with
 *   captions switched on (and the channel's search) have the words, so both for one language are fine.
 * Facebook names a file by language and country (`media.en_US.srt`): a track whose language is unknown (`und`)
 * cannot be named, so it is left out and `skipped` says why.
 */

export type Sidecar = {
  trackId: string;
  /** The track's BCP 47 tag. */
  language: string;
  /** The track's name ("English"). */
  name: string;
  /** The file's name beside the video (`media.srt`, `media.fi.srt`, `media.en_US.srt`). */
  fileName: string;
};

/** A list of sidecars as the engine stores it beside a render: file names are plain names (never a path). */
export const SidecarList = z.array(z.object({ trackId: z.string(), language: z.string(), name: z.string(), fileName: z.string().regex(/^[\w.-]+\.srt$/) }));

export type SidecarPlan = { files: Sidecar[]; skipped: { trackId: string; why: string }[] };

type Track = Pick<CaptionTrack, 'id' | 'language' | 'name' | 'cues'>;

export const SIDECAR_CONTENT_TYPE = 'application/x-subrip; charset=utf-8';

/** Whether a channel takes a caption file beside the video. */
export function takesCaptionFile(channel: ChannelId): boolean {
  return channelLimits[channel].captionFile !== null;
}

/**
 * Facebook's `ll_CC` for a language tag: the language and its country, the country filled in from the tag's likely
 * subtags (CLDR, through Intl.Locale#maximize: "fi" → fi_FI, "en" → en_US, "pt-BR" → pt_BR). null for `und` and
 * for a tag whose country cannot be known.
 */
export function facebookLocale(tag: string): string | null {
  try {
    // maximize() would read `und` as English (its likeliest language): unknown stays unknown.
    if (tag.toLowerCase().split('-')[0] === 'und') return null;
    const full = new Intl.Locale(tag).maximize();
    return full.region ? `${full.language}_${full.region}` : null;
  } catch {
    return null;
  }
}

/** The caption files a channel gets for a video whose file is `<base>.<ext>` (the connectors' `media`). */
export function sidecarPlan(channel: ChannelId, tracks: readonly Track[], base = 'media'): SidecarPlan {
  const rule = channelLimits[channel].captionFile;
  const plan: SidecarPlan = { files: [], skipped: [] };
  if (!rule) return plan;
  const withCues = tracks.filter((t) => t.cues.length > 0);
  const chosen: Track[] = [];
  const languages = new Set<string>();
  for (const t of withCues) {
    const lang = t.language.toLowerCase();
    if (!rule.perLanguage && chosen.length === 1) {
      plan.skipped.push({ trackId: t.id, why: `${channelLimits[channel].label} takes one caption file a video: the first track goes` });
      continue;
    }
    if (languages.has(lang)) {
      plan.skipped.push({ trackId: t.id, why: `an earlier track is in the same language (${t.language})` });
      continue;
    }
    languages.add(lang);
    chosen.push(t);
  }
  for (const t of chosen) {
    if (rule.naming === 'locale') {
      const locale = facebookLocale(t.language);
      if (!locale) {
        plan.skipped.push({ trackId: t.id, why: `${channelLimits[channel].label} needs to know the captions' language: set the track's language` });
        continue;
      }
      plan.files.push({ trackId: t.id, language: t.language, name: t.name, fileName: `${base}.${locale}.srt` });
    } else {
      const name = chosen.length === 1 ? `${base}.srt` : `${base}.${t.language}.srt`;
      plan.files.push({ trackId: t.id, language: t.language, name: t.name, fileName: name });
    }
  }
  return plan;
}

/** The SRT text of a track, as the sidecar holds it (UTF-8, what YouTube asks for). */
export function sidecarText(track: Pick<CaptionTrack, 'cues'>): string {
  return writeSrt(track.cues);
}

/**
 * The composer's advisory note (never blocking) for a video to a channel that takes caption files when nothing would
 * go: `noCaptions` (the draft has no cues: most short video is watched without sound) or `languageUnknown` (Facebook
 * cannot name the file of a track without a language). null when a file goes, or the channel takes none.
 */
export function captionAdvice(channel: ChannelId, kind: 'video' | 'image', tracks: readonly Track[]): 'noCaptions' | 'languageUnknown' | null {
  if (kind !== 'video' || !takesCaptionFile(channel)) return null;
  const plan = sidecarPlan(channel, tracks);
  if (plan.files.length > 0) return null;
  return plan.skipped.length > 0 ? 'languageUnknown' : 'noCaptions';
}
