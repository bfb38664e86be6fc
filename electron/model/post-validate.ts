import { carouselRoute, channelLimits, mediaLimits, sourceLabel, type Range, type Source } from './channels';
import { formatDimensions } from './geometry';
import { type ImageFormat, imageFormats } from './image-format';
import { contentFor, type ChannelId, type Post } from './post';
import { codePointLength, inlineHashtags, inlineMentions, writtenCaption } from './post-text';
import { bitrateCapKbps, maxSecondsAt, MIN_VIDEO_KBPS, planVariant } from './render-variant';

/**
 * Live validation of one post target against the channel limits table (channels.ts). Each issue says what
 * is wrong, how to fix it, and the page the limit came from.
 *
 * Severity: `error` = the channel would refuse the post, or we would have to drop content to send it (cut the
 * video, cut the caption); `warning` = the export fixes it on its own (each target is rendered as its own
 * variant: aspect, size, fps — see render-variant.ts) or something will silently not be posted (a first
 * comment on a channel without one). The message then says what the export will do.
 *
 * Fields beyond the brief's list: `title` (YouTube titles, TikTok photo titles) and `media` (a kind the
 * channel does not take at all, e.g. a video to the Instagram feed).
 */
export type IssueField = 'duration' | 'caption' | 'hashtags' | 'mentions' | 'aspect' | 'size' | 'fps' | 'resolution' | 'firstComment' | 'title' | 'media' | 'pages' | 'format';

export type Issue = {
  field: IssueField;
  severity: 'error' | 'warning';
  /** What is wrong and how to fix it, with the source in brackets. */
  message: string;
  /** Just the fix ("trim 5 s or export a shorter cut"). */
  fix: string;
  /** Where the limit comes from (page, "via a secondary copy" when it is). */
  source: string;
};

export type MediaFacts = {
  kind: 'video' | 'image';
  /** 0 for images. */
  durationSec: number;
  width: number;
  height: number;
  fps: number;
  /** Bytes of the file as it will be sent (a carousel: its biggest page); null while not rendered yet (the size is then estimated from the bitrate cap). */
  sizeBytes: number | null;
  /** Images: pages of the draft (a carousel has more than one); 1 when not given. */
  pages?: number;
  /** Images: the format the file is in, when it is already chosen (the Export dialog); null: the export picks the channel's. */
  format?: ImageFormat | null;
};

export function formatDuration(sec: number): string {
  const r = Math.round(sec * 10) / 10;
  if (r < 120) return `${r} s`;
  const min = Math.floor(r / 60);
  const s = Math.round(r - min * 60);
  return s === 0 ? `${min} min` : `${min} min ${s} s`;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1e9) return `${Math.round(bytes / 1e8) / 10} GB`;
  if (bytes >= 1e6) return `${Math.round(bytes / 1e5) / 10} MB`;
  return `${Math.round(bytes / 100) / 10} kB`;
}

const NAMED_ASPECTS: [number, string][] = [
  [9 / 16, '9:16'],
  [4 / 5, '4:5'],
  [1, '1:1'],
  [16 / 9, '16:9'],
  [1.91, '1.91:1'],
  [1 / 3, '1:3'],
  [3, '3:1'],
  [3 / 4, '3:4'],
  [4 / 3, '4:3'],
];

export function formatAspect(a: number): string {
  const named = NAMED_ASPECTS.find(([v]) => Math.abs(v - a) / v < 0.005);
  return named ? named[1] : `${Math.round(a * 100) / 100}:1`;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const over = (v: number, r: Range | null) => r?.max != null && v > r.max;
const under = (v: number, r: Range | null) => r?.min != null && v < r.min;

type Add = (field: IssueField, severity: Issue['severity'], what: string, fix: string, source: Source) => void;

const FORMAT_LABEL: Record<ImageFormat, string> = { jpeg: 'JPEG', png: 'PNG', webp: 'WebP', avif: 'AVIF' };

/** Image counts and formats (a carousel's pages; a document post where the channel has one). */
function imageIssues(facts: MediaFacts, channel: ChannelId, add: Add): void {
  const c = channelLimits[channel];
  const m = c.image!;
  const route = carouselRoute(facts.pages ?? 1, channel);
  if (route.as === 'none') add('pages', 'error', route.what, route.fix, route.source);
  const accepted = imageFormats.filter((f) => m.containers.includes(f));
  if (facts.format && m.containers.length > 0 && !m.containers.includes(facts.format)) {
    const take = accepted.map((f) => FORMAT_LABEL[f]).join(' or ');
    add('format', 'error', `${c.label} does not take ${FORMAT_LABEL[facts.format]}`, `export as ${take || m.containers.join(' or ').toUpperCase()}`, m.source);
  }
}

/**
 * What happens to a draft whose shape a channel does not want, and what to do. A video is re-rendered as a
 * variant (cropped or on a blurred backdrop); image pages go out as designed (publish/engine.ts imagePlanFor
 * only scales them), so their advice says what the channel does with them and how to make a better fit.
 */
export function aspectFix(
  kind: MediaFacts['kind'],
  channel: ChannelId,
  /** true: the aspect is allowed but is not the one the channel shows full-screen (TikTok's 9:16). */
  offRecommendedOnly: boolean,
  plan: { width: number; height: number; reframe: string },
): string {
  const target = formatAspect(plan.width / plan.height);
  if (kind === 'video') {
    const how = plan.reframe === 'blur' ? 'whole on a blurred backdrop' : 'cropped to fill';
    return `the export makes a ${formatDimensions(plan.width, plan.height)} variant with the picture ${how}; or make a ${target} cut`;
  }
  const c = channelLimits[channel];
  if (channel === 'tiktok') return `TikTok photo mode shows each page whole, fitted to the screen with bars around it; for full-screen pages, make a ${target} version of the post`;
  if (offRecommendedOnly) return `${c.label} shows each page whole, fitted with bars around it; for full-screen pages, make a ${target} version of the post`;
  return `the pages go out as designed, so ${c.label} may crop them or refuse the post; make a ${target} version of the post`;
}

export function validatePost(post: Pick<Post, 'content' | 'targets' | 'title'>, facts: MediaFacts, channel: ChannelId): Issue[] {
  const c = channelLimits[channel];
  const issues: Issue[] = [];
  const add: Add = (field, severity, what, fix, source) => {
    const label = sourceLabel(source);
    issues.push({ field, severity, message: `${what}: ${fix} (${label})`, fix, source: label });
  };

  // ── Media ────────────────────────────────────────────────────────────────────────────────────────────
  const m = mediaLimits(channel, facts.kind);
  if (!m) {
    const other = facts.kind === 'video' ? 'image' : 'video';
    add(
      'media',
      'error',
      `${c.label} does not take ${facts.kind === 'video' ? 'videos' : 'images'}`,
      mediaLimits(channel, other) ? `post ${other === 'image' ? 'a still image' : 'a video'} to it or remove this target` : 'remove this target',
      (c.video ?? c.image)!.source,
    );
  } else {
    const plan = planVariant(facts, facts.kind === 'video' ? facts.durationSec : null, channel);
    const d = facts.durationSec;
    if (facts.kind === 'video' && over(d, m.durationSec)) {
      const max = m.durationSec!.max!;
      add('duration', 'error', `${formatDuration(d)} is over ${c.labelPossessive} ${formatDuration(max)}`, `trim ${formatDuration(d - max)} or export a shorter cut`, m.source);
    }
    if (facts.kind === 'video' && under(d, m.durationSec)) {
      const min = m.durationSec!.min!;
      add('duration', 'error', `${formatDuration(d)} is under ${c.labelPossessive} minimum of ${formatDuration(min)}`, `add ${formatDuration(min - d)} to the draft`, m.source);
    }

    const aspect = facts.width / facts.height;
    // Width a given aspect asks for, give or take: 1% or 2 px (even-pixel rounding of small frames) is the same aspect.
    const slack = Math.max(2, 0.01 * facts.width);
    const wider = (a: number | null | undefined) => a != null && facts.width > a * facts.height + slack;
    const taller = (a: number | null | undefined) => a != null && facts.width < a * facts.height - slack;
    const outside = m.aspect != null && (wider(m.aspect.max) || taller(m.aspect.min));
    const offRecommended = m.aspect == null && m.recommendedAspect != null && (wider(m.recommendedAspect) || taller(m.recommendedAspect));
    if (outside || offRecommended) {
      const what = !outside
        ? `${formatAspect(aspect)} is not ${formatAspect(m.recommendedAspect!)}, the shape ${c.label} shows full-screen`
        : wider(m.aspect!.max)
          ? `${formatAspect(aspect)} is wider than ${c.labelPossessive} widest, ${formatAspect(m.aspect!.max!)}`
          : `${formatAspect(aspect)} is taller than ${c.labelPossessive} tallest, ${formatAspect(m.aspect!.min!)}`;
      add('aspect', 'warning', what, aspectFix(facts.kind, channel, !outside, plan), m.source);
    }

    const sides = [m.side, m.width, m.height];
    const tooBig = over(facts.width, m.width) || over(facts.height, m.height) || over(Math.max(facts.width, facts.height), m.side);
    const tooSmall = under(facts.width, m.width) || under(facts.height, m.height) || under(Math.min(facts.width, facts.height), m.side);
    if ((tooBig || tooSmall) && sides.some((r) => r != null)) {
      const limit = [
        m.side ? `${m.side.min ?? 0}–${m.side.max ?? '∞'} px per side` : null,
        m.width ? `${m.width.min ?? 0}–${m.width.max ?? '∞'} px wide` : null,
        m.height ? `${m.height.min ?? 0}–${m.height.max ?? '∞'} px high` : null,
      ]
        .filter(Boolean)
        .join(', ');
      add('resolution', 'warning', `${formatDimensions(facts.width, facts.height)} is ${tooBig ? 'larger' : 'smaller'} than ${c.labelPossessive} ${limit}`, `the export scales it to ${formatDimensions(plan.width, plan.height)}`, m.source);
    }

    if (facts.kind === 'video' && (over(facts.fps, m.fps) || under(facts.fps, m.fps))) {
      add('fps', 'warning', `${facts.fps} fps is outside ${c.labelPossessive} ${m.fps!.min ?? 0}–${m.fps!.max ?? '∞'} fps`, `the export renders it at ${plan.fps} fps`, m.source);
    }

    if (facts.kind === 'image') imageIssues(facts, channel, add);

    if (m.maxBytes != null) {
      if (facts.sizeBytes != null && facts.sizeBytes > m.maxBytes) {
        add('size', 'error', `${formatBytes(facts.sizeBytes)} is over ${c.labelPossessive} ${formatBytes(m.maxBytes)}`, facts.kind === 'video' ? 'export at a lower quality or a shorter cut' : 'export it smaller or as JPEG', m.source);
      } else if (facts.sizeBytes == null && facts.kind === 'video') {
        // Not rendered yet: the variant's bitrate cap keeps it under the limit, unless that cap is too low to watch.
        const secs = Math.min(d, m.durationSec?.max ?? Infinity);
        const kbps = bitrateCapKbps(m.maxBytes, secs);
        if (kbps < MIN_VIDEO_KBPS) {
          const fits = maxSecondsAt(m.maxBytes, MIN_VIDEO_KBPS);
          add('size', 'error', `${formatDuration(secs)} cannot fit ${c.labelPossessive} ${formatBytes(m.maxBytes)} at a watchable quality (${kbps} kb/s)`, `cut it to ${formatDuration(fits)} or less`, m.source);
        }
      }
    }
  }

  // ── Text ─────────────────────────────────────────────────────────────────────────────────────────────
  const t = c.text;
  const content = contentFor(post, channel);
  const written = writtenCaption(content);
  const length = codePointLength(written);
  if (t.captionMax != null && length > t.captionMax) {
    const cut = length - t.captionMax;
    add('caption', 'error', `${plural(length, 'character')} is over ${c.labelPossessive} ${t.captionMax.toLocaleString('en-US')}`, `cut ${plural(cut, 'character')} (hashtags and mentions count too)`, t.source);
  }
  const hashtags = content.hashtags.length + inlineHashtags(content.caption).length;
  if (t.hashtagMax != null && hashtags > t.hashtagMax) {
    add('hashtags', 'error', `${plural(hashtags, 'hashtag')} is over ${c.labelPossessive} ${t.hashtagMax}`, `remove ${plural(hashtags - t.hashtagMax, 'hashtag')} (those typed in the caption count too)`, t.source);
  }
  const mentions = content.mentions.length + inlineMentions(content.caption).length;
  if (t.mentionMax != null && mentions > t.mentionMax) {
    add('mentions', 'error', `${plural(mentions, 'mention')} is over ${c.labelPossessive} ${t.mentionMax}`, `remove ${plural(mentions - t.mentionMax, 'mention')} (those typed in the caption count too)`, t.source);
  }
  if (!t.firstComment && content.firstComment.trim() !== '') {
    add('firstComment', 'warning', `${c.label} has no first comment, so it would not be posted`, 'move it into the caption or clear it for this channel', t.source);
  }
  if (t.titleMax && t.titleMax.kinds.includes(facts.kind)) {
    const n = codePointLength(post.title);
    if (n > t.titleMax.max) {
      add('title', 'error', `A ${plural(n, 'character')} title is over ${c.labelPossessive} ${t.titleMax.max}`, `shorten the title by ${plural(n - t.titleMax.max, 'character')}`, t.source);
    }
  }
  return issues;
}
