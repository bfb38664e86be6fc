import { type ImageFormat, imageFormats } from './image-format';
import type { LoudnessTarget } from './loudness';
import type { ChannelId } from './post';

/**
 * What each channel accepts: ONE table, transcribed from docs/ (../shared/CHANNELS.md), driving both the
 * composer's validation (post-validate.ts) and each target's render variant (render-variant.ts), so one edit
 * here updates both. Platforms change these often: every entry names the page it came from (`secondary` when
 * the number came from a secondary copy, "2nd" in CHANNELS.md) and the date it was checked.
 *
 * Conventions
 * - Sizes are bytes with DECIMAL units (1 MB = 1,000,000 B, 1 GB = 10^9 B): where a platform does not say
 *   which, the decimal reading is the smaller number, so a file under it passes either reading.
 * - `null` means "CHANNELS.md gives no limit": nothing is checked, nothing is invented.
 * - `video: null` / `image: null` means the channel does not take that kind of media at all.
 * - Aspect is width / height (9:16 = 0.5625, 1.91:1 = 1.91).
 */

export const CHANNELS_CHECKED = '2026-11-26';

export type Source = {
  /** The page the limit was read from, as CHANNELS.md names it. */
  page: string;
  /** True when the number came from a secondary copy of the page ("2nd" in CHANNELS.md). */
  secondary: boolean;
  checked: typeof CHANNELS_CHECKED;
};

export type Range = { min: number | null; max: number | null };
export type Size = { width: number; height: number };

export type MediaLimits = {
  /** Containers/formats accepted, lower-case (`mp4`, `mov`, `jpeg` …). */
  containers: readonly string[];
  /** Video codecs accepted (video only; empty for images or when not listed). */
  videoCodecs: readonly string[];
  /** Audio codecs accepted (empty when not listed). */
  audioCodecs: readonly string[];
  fps: Range | null;
  /** Limit on EACH side, in pixels. */
  side: Range | null;
  width: Range | null;
  height: Range | null;
  /** width / height. */
  aspect: Range | null;
  /** The aspect the app shows best (what a render variant aims for when the channel gives no range). */
  recommendedAspect: number | null;
  recommendedSize: Size | null;
  durationSec: Range | null;
  maxBytes: number | null;
  /** Images per post (carousels), where given. */
  maxItems: number | null;
  source: Source;
};

export type TextLimits = {
  /** Caption / post text / description, in Unicode code points (see post-text.ts for what is counted). */
  captionMax: number | null;
  hashtagMax: number | null;
  mentionMax: number | null;
  /** Title limit and the kinds of post that have a title (TikTok: photo posts only; a video's text is its caption). */
  titleMax: { max: number; kinds: readonly ('video' | 'image')[] } | null;
  /**
   * Whether the connector can place a first comment under the post. Not in CHANNELS.md: a judgement from
   * whether the platform's API (the page named in `source`) has a comment endpoint.
   */
  firstComment: boolean;
  source: Source;
};

/** A carousel sent as one document (LinkedIn document posts): a PDF of the pages. */
export type DocumentLimits = {
  containers: readonly string[];
  maxBytes: number | null;
  maxPages: number | null;
  source: Source;
};

/**
 * A caption file the channel takes beside the video (a "sidecar"), shown as closed captions viewers can turn on.
 * - `perLanguage`: the channel takes one file per language (YouTube, Facebook); otherwise one file a video.
 * - `naming`: `plain` = the video's base name + `.srt` (`media.srt`; `media.<tag>.srt` when several languages go);
 *   `locale` = Facebook's `<name>.<ll_CC>.srt` (language and country, e.g. `media.en_US.srt`), which is how
 *   Facebook tells a file's language.
 */
export type CaptionFileLimits = {
  formats: readonly ('srt' | 'vtt')[];
  perLanguage: boolean;
  naming: 'plain' | 'locale';
  source: Source;
};

export type ChannelLimits = {
  id: ChannelId;
  label: string;
  /** Possessive label for messages ("Facebook Reels' 90 s"). */
  labelPossessive: string;
  video: MediaLimits | null;
  image: MediaLimits | null;
  /** null: the channel has no document post. */
  document: DocumentLimits | null;
  /** null: the channel takes no caption file (captions must be burned into the picture to be seen). */
  captionFile: CaptionFileLimits | null;
  text: TextLimits;
  /** How loud a video's sound is made for the channel (the export's two-pass loudnorm); null: no video, no target. */
  loudness: { target: LoudnessTarget; source: Source } | null;
};

const src = (page: string, secondary = false): Source => ({ page, secondary, checked: CHANNELS_CHECKED });

const MB = 1_000_000;
const GB = 1_000_000_000;

const noMedia = {
  containers: [],
  videoCodecs: [],
  audioCodecs: [],
  fps: null,
  side: null,
  width: null,
  height: null,
  aspect: null,
  recommendedAspect: null,
  recommendedSize: null,
  durationSec: null,
  maxBytes: null,
  maxItems: null,
} as const satisfies Omit<MediaLimits, 'source'>;

const TIKTOK = src('developers.tiktok.com: content-posting-api-media-transfer-guide, content-posting-api-reference-direct-post');
const INSTAGRAM = src('developers.facebook.com: instagram-graph-api reference ig-user/media');
const FACEBOOK_REELS = src('developers.facebook.com: video-api/guides/reels-publishing');
const YOUTUBE = src('support.google.com/youtube/answer/15424877');
const X = src('docs.x.com: x-api/media best practices');
const LINKEDIN = src('learn.microsoft.com: linkedin shares videos-api');
const LINKEDIN_IMAGES = src('learn.microsoft.com: linkedin shares images-api / multiimage-post-api', true);
const LINKEDIN_DOCUMENTS = src('learn.microsoft.com: linkedin shares documents-api; LinkedIn Help', true);
// Caption files (CHANNELS.md "Caption files"): YouTube's own help page; the LinkedIn Videos API page says a video
// takes a captions file (the SRT format from a secondary copy); Facebook's locale-named SRT from secondary copies.
const YOUTUBE_CAPTIONS = src('support.google.com/youtube/answer/2734698');
const LINKEDIN_CAPTIONS = src('learn.microsoft.com: linkedin shares videos-api', true);
const FACEBOOK_CAPTIONS = src('developers.facebook.com: graph-api reference video/captions; file naming from Facebook Help', true);

/**
 * Loudness (issue 14 §4). No platform in CHANNELS.md publishes a loudness target, so none is transcribed from
 * a platform's own page: −14 LUFS integrated with peaks at −1 dBTP is the level YouTube is widely reported to
 * normalise playback to and the one secondary guides give for TikTok, Reels and Facebook (2nd), and −1 dBTP is
 * the EBU R128 ceiling (EBU Tech 3343) that leaves room for the AAC encode's overshoot. A file at the target is
 * neither turned down by a platform's normalisation nor quieter than the videos around it. One entry per
 * channel, so a platform that publishes its own number changes one line.
 */
export const SOCIAL_LOUDNESS_TARGET = { integratedLufs: -14, truePeakDbtp: -1 } as const satisfies LoudnessTarget;
const SOCIAL_LOUDNESS = {
  target: SOCIAL_LOUDNESS_TARGET,
  source: src('no published platform target: −14 LUFS as reported for YouTube playback normalisation; −1 dBTP from EBU R128 / Tech 3343', true),
} as const satisfies ChannelLimits['loudness'];

export const channelLimits: Record<ChannelId, ChannelLimits> = {
  tiktok: {
    id: 'tiktok',
    label: 'TikTok',
    labelPossessive: "TikTok's",
    video: {
      ...noMedia,
      containers: ['mp4', 'webm', 'mov'],
      videoCodecs: ['h264', 'hevc', 'vp8', 'vp9'],
      fps: { min: 23, max: 60 },
      side: { min: 360, max: 4096 },
      recommendedAspect: 9 / 16,
      recommendedSize: { width: 1080, height: 1920 },
      // The cap is per creator (3 min for all, 5 or 10 min for some, API max 10 min): 3 min is the one every
      // account has, so it is the safe value.
      durationSec: { min: null, max: 180 },
      maxBytes: 4 * GB,
      source: TIKTOK,
    },
    image: {
      ...noMedia,
      containers: ['jpeg', 'webp'],
      // "≤ 1080p": read as at most 1080 px across (1080×1920 portrait), the way TikTok shows photos.
      width: { min: null, max: 1080 },
      height: { min: null, max: 1920 },
      recommendedAspect: 9 / 16,
      recommendedSize: { width: 1080, height: 1920 },
      maxBytes: 20 * MB,
      maxItems: 35,
      source: TIKTOK,
    },
    // Caption and photo title come from a secondary copy. The Content Posting API has no comment endpoint,
    // so there is no first comment (not in CHANNELS.md: a judgement from the API reference named above).
    document: null,
    captionFile: null,
    text: { captionMax: 2200, hashtagMax: null, mentionMax: null, titleMax: { max: 90, kinds: ['image'] }, firstComment: false, source: src(TIKTOK.page, true) },
    loudness: SOCIAL_LOUDNESS,
  },
  instagram_reel: {
    id: 'instagram_reel',
    label: 'Instagram Reels',
    labelPossessive: "Instagram Reels'",
    video: {
      ...noMedia,
      containers: ['mp4', 'mov'],
      videoCodecs: ['h264', 'hevc'],
      audioCodecs: ['aac'],
      fps: { min: 23, max: 60 },
      width: { min: null, max: 1920 },
      recommendedAspect: 9 / 16,
      recommendedSize: { width: 1080, height: 1920 },
      durationSec: { min: 3, max: 15 * 60 },
      // 300 MB; some copies say 1 GB. The smaller is the safe value.
      maxBytes: 300 * MB,
      source: src(INSTAGRAM.page, true),
    },
    image: null,
    document: null,
    captionFile: null,
    text: { captionMax: 2200, hashtagMax: 30, mentionMax: 20, titleMax: null, firstComment: true, source: INSTAGRAM },
    loudness: SOCIAL_LOUDNESS,
  },
  instagram_feed: {
    id: 'instagram_feed',
    label: 'Instagram feed',
    labelPossessive: "Instagram feed's",
    // Videos published through the Graph API are Reels: a feed target takes images (CHANNELS.md lists only
    // the feed image).
    video: null,
    image: {
      ...noMedia,
      containers: ['jpeg'],
      width: { min: 320, max: 1440 },
      aspect: { min: 4 / 5, max: 1.91 },
      // Not in CHANNELS.md: 4:5 at 1080 wide is the tallest the feed shows, so it is what we aim for.
      recommendedAspect: 4 / 5,
      recommendedSize: { width: 1080, height: 1350 },
      maxBytes: 8 * MB,
      maxItems: 10,
      source: src(INSTAGRAM.page, true),
    },
    document: null,
    captionFile: null,
    text: { captionMax: 2200, hashtagMax: 30, mentionMax: 20, titleMax: null, firstComment: true, source: INSTAGRAM },
    // No video, so no sound to level.
    loudness: null,
  },
  youtube_shorts: {
    id: 'youtube_shorts',
    label: 'YouTube Shorts',
    labelPossessive: "YouTube Shorts'",
    video: {
      ...noMedia,
      containers: ['mp4'],
      videoCodecs: ['h264'],
      audioCodecs: ['aac'],
      // "Square or vertical".
      aspect: { min: null, max: 1 },
      recommendedAspect: 9 / 16,
      recommendedSize: { width: 1080, height: 1920 },
      durationSec: { min: null, max: 180 },
      source: YOUTUBE,
    },
    image: null,
    // Caption = the description; title and description limits from a secondary copy.
    document: null,
    captionFile: { formats: ['srt'], perLanguage: true, naming: 'plain', source: YOUTUBE_CAPTIONS },
    text: { captionMax: 5000, hashtagMax: null, mentionMax: null, titleMax: { max: 100, kinds: ['video'] }, firstComment: true, source: src(YOUTUBE.page, true) },
    loudness: SOCIAL_LOUDNESS,
  },
  facebook_reel: {
    id: 'facebook_reel',
    label: 'Facebook Reels',
    labelPossessive: "Facebook Reels'",
    video: {
      ...noMedia,
      containers: ['mp4'],
      fps: { min: 24, max: 60 },
      width: { min: 540, max: null },
      height: { min: 960, max: null },
      // 9:16 is the format Reels publishing asks for; no range is given, so anything else is a warning.
      recommendedAspect: 9 / 16,
      recommendedSize: { width: 1080, height: 1920 },
      durationSec: { min: 3, max: 90 },
      source: FACEBOOK_REELS,
    },
    image: null,
    document: null,
    captionFile: { formats: ['srt'], perLanguage: true, naming: 'locale', source: FACEBOOK_CAPTIONS },
    text: { captionMax: 63_206, hashtagMax: null, mentionMax: null, titleMax: null, firstComment: true, source: FACEBOOK_REELS },
    loudness: SOCIAL_LOUDNESS,
  },
  x: {
    id: 'x',
    label: 'X',
    labelPossessive: "X's",
    video: {
      ...noMedia,
      containers: ['mp4'],
      videoCodecs: ['h264'],
      audioCodecs: ['aac'],
      fps: { min: null, max: 60 },
      width: { min: 32, max: 1280 },
      height: { min: 32, max: 1024 },
      aspect: { min: 1 / 3, max: 3 },
      // 20 min is the free tier; longer is for paid tiers only, so 20 min is the safe value.
      durationSec: { min: 0.5, max: 20 * 60 },
      maxBytes: 8 * GB,
      source: X,
    },
    image: {
      ...noMedia,
      containers: ['jpeg', 'png', 'webp', 'gif'],
      // 5 MB (GIF 15 MB): we export stills as JPEG/PNG, so the 5 MB limit applies.
      maxBytes: 5 * MB,
      maxItems: 4,
      source: X,
    },
    // X counts "weighted" characters (a URL is 23, CJK and emoji count 2): we count code points, which
    // under-counts CJK/emoji-heavy posts; see post-text.ts.
    document: null,
    captionFile: null,
    text: { captionMax: 280, hashtagMax: null, mentionMax: null, titleMax: null, firstComment: true, source: X },
    loudness: SOCIAL_LOUDNESS,
  },
  linkedin: {
    id: 'linkedin',
    label: 'LinkedIn',
    labelPossessive: "LinkedIn's",
    video: {
      ...noMedia,
      containers: ['mp4'],
      durationSec: { min: 3, max: 30 * 60 },
      maxBytes: 500 * MB,
      source: src(LINKEDIN.page, true),
    },
    // Multi-image posts: up to 20 images (2nd, to verify). No size or pixel limit is listed: none checked.
    image: { ...noMedia, containers: ['jpeg', 'png', 'gif'], maxItems: 20, source: LINKEDIN_IMAGES },
    // A carousel as a document post: one PDF, ≤ 100 MB, ≤ 300 pages (2nd, to verify).
    document: { containers: ['pdf'], maxBytes: 100 * MB, maxPages: 300, source: LINKEDIN_DOCUMENTS },
    captionFile: { formats: ['srt'], perLanguage: false, naming: 'plain', source: LINKEDIN_CAPTIONS },
    text: { captionMax: 3000, hashtagMax: null, mentionMax: null, titleMax: null, firstComment: true, source: LINKEDIN },
    loudness: SOCIAL_LOUDNESS,
  },
};

/** "developers.facebook.com: video-api/guides/reels-publishing" or "… (secondary source)". */
export function sourceLabel(s: Source): string {
  return s.secondary ? `${s.page}, via a secondary copy` : s.page;
}

/** The image formats of ours (model/image-format.ts) a channel takes, in the order the export prefers them. */
export function imageFormatsFor(channel: ChannelId): ImageFormat[] {
  const image = channelLimits[channel].image;
  return image ? imageFormats.filter((f) => image.containers.includes(f)) : [];
}

/**
 * What the Export dialog's channel preset sets for an image draft: the pixel size the channel shows best (when
 * it names one) and the file-size limit (quality is stepped down to fit it). null: the channel takes no images.
 */
export function imagePreset(channel: ChannelId): { size: Size | null; maxBytes: number | null; formats: ImageFormat[]; maxItems: number | null; source: Source } | null {
  const image = channelLimits[channel].image;
  if (!image) return null;
  return { size: image.recommendedSize, maxBytes: image.maxBytes, formats: imageFormatsFor(channel), maxItems: image.maxItems, source: image.source };
}

/**
 * The channels a new post starts with, by the draft's kind: a video goes to TikTok, the short-video home; an
 * image post or carousel goes to the Instagram feed, where still posts and carousels live (issue 11 walk #7).
 */
export function defaultChannels(kind: 'video' | 'image'): ChannelId[] {
  return kind === 'image' ? ['instagram_feed'] : ['tiktok'];
}

export function mediaLimits(channel: ChannelId, kind: 'video' | 'image'): MediaLimits | null {
  return kind === 'video' ? channelLimits[channel].video : channelLimits[channel].image;
}

/**
 * How a carousel of `pages` goes to a channel (issue 11 §3, §6): as that many images, as one PDF document (a
 * channel with document posts, LinkedIn, gets every carousel of two pages or more that way), or not at all, with
 * what is wrong and what to do (the composer's check and the queue's refusal say the same).
 */
export type CarouselRoute =
  | { as: 'images'; limits: MediaLimits }
  | { as: 'document'; limits: DocumentLimits }
  | { as: 'none'; what: string; fix: string; source: Source };

const pagesText = (n: number) => `${n} ${n === 1 ? 'page' : 'pages'}`;

/** Whether a channel takes a carousel of `pages` at all (as images or as a document), without the reasons. */
function takesCarousel(pages: number, channel: ChannelId): 'images' | 'document' | null {
  const c = channelLimits[channel];
  if (!c.image) return null;
  if (pages > 1 && c.document) return c.document.maxPages == null || pages <= c.document.maxPages ? 'document' : null;
  return c.image.maxItems == null || pages <= c.image.maxItems ? 'images' : null;
}

export function carouselRoute(pages: number, channel: ChannelId): CarouselRoute {
  const c = channelLimits[channel];
  const image = c.image;
  if (!image) return { as: 'none', what: `${c.label} does not take images`, fix: 'remove it from the post or attach a video draft', source: (c.video ?? c.text).source };
  const how = takesCarousel(pages, channel);
  if (how === 'images') return { as: 'images', limits: image };
  if (how === 'document') return { as: 'document', limits: c.document! };
  const max = pages > 1 && c.document?.maxPages != null ? c.document.maxPages : image.maxItems!;
  const what = pages > 1 && c.document ? `${c.label} takes documents of up to ${max} pages; this carousel has ${pagesText(pages)}` : `${c.label} takes up to ${max} images a post; this carousel has ${pagesText(pages)}`;
  const note = channel === 'instagram_feed' ? ' (the Instagram app takes 20 by hand; its API, which Postframe sends through, takes 10)' : '';
  const others = (Object.keys(channelLimits) as ChannelId[])
    .filter((ch) => ch !== channel)
    .map((ch) => ({ ch, how: takesCarousel(pages, ch) }))
    .filter((o) => o.how !== null)
    .map((o) => `${channelLimits[o.ch].label}${o.how === 'document' ? ' (as one PDF document)' : ''}`);
  const elsewhere = others.length ? `, or post it to ${others.length === 1 ? others[0] : `${others.slice(0, -1).join(', ')} or ${others.at(-1)}`}` : '';
  return { as: 'none', what: `${what}${note}`, fix: `remove ${pagesText(pages - max)}, split it into two posts${elsewhere}`, source: pages > 1 && c.document ? c.document.source : image.source };
}
