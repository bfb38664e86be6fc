import type { ChannelId } from '../../../../../electron/model/post';
import type { SafeZoneChannel } from '../../../../../electron/model/safe-zones';

/**
 * How a channel shows a post, for the review's phone frame: full-screen vertical video with the caption over it
 * (TikTok, Reels, Shorts), or a feed card with the text above the media (X, LinkedIn, the Instagram feed).
 */
export type PhoneLayout = 'fullscreen' | 'feed';

const FULLSCREEN: Partial<Record<ChannelId, SafeZoneChannel>> = {
  tiktok: 'tiktok',
  instagram_reel: 'reels',
  facebook_reel: 'reels',
  youtube_shorts: 'shorts',
};

export function phoneLayout(channel: ChannelId): PhoneLayout {
  return FULLSCREEN[channel] ? 'fullscreen' : 'feed';
}

/** The app whose buttons and caption cover a channel's full-screen video (model/safe-zones.ts); null in a feed. */
export function safeZoneFor(channel: ChannelId): SafeZoneChannel | null {
  return FULLSCREEN[channel] ?? null;
}

/** The caption as the channel prints it: the text, then the hashtags that are not already typed in it. */
export function captionParts(caption: string, hashtags: readonly string[]): { text: string; tags: string[] } {
  const typed = new Set([...caption.matchAll(/#([\p{L}\p{N}_]+)/gu)].map((m) => m[1]!.toLowerCase()));
  return { text: caption.trim(), tags: hashtags.filter((h) => !typed.has(h.toLowerCase())).map((h) => `#${h}`) };
}

/** A size that fits `aspect` (width / height) inside a box, keeping the aspect (letterboxed, never cropped). */
export function fitInside(aspect: number, box: { width: number; height: number }): { width: number; height: number } {
  if (box.width <= 0 || box.height <= 0 || !(aspect > 0)) return { width: 0, height: 0 };
  const width = Math.min(box.width, box.height * aspect);
  return { width: Math.floor(width), height: Math.floor(width / aspect) };
}

/** "0:02.5": a time in the video, for the cover. */
export function shortTime(sec: number): string {
  const m = Math.floor(sec / 60);
  const s = sec - m * 60;
  return `${m}:${s < 10 ? '0' : ''}${(Math.round(s * 10) / 10).toFixed(1)}`;
}
