import { channelLimits } from '../../../../electron/model/channels';
import type { Policy } from '../../../../electron/model/policy';
import type { ChannelId, PostContent } from '../../../../electron/model/post';
import { inlineHashtags } from '../../../../electron/model/post-text';

/**
 * What the composer offers from the draft's brand kit: its hashtags as chips (those not in the post yet, each
 * addable while the tightest hashtag cap of the chosen channels and the policy has room) and its disclaimer line.
 * Pure, so the caps are tested without React.
 */

/** Hashtags the post may still take: the tightest of the channels' limits and the policy's cap, minus what it has. Null = no cap. */
export function hashtagRoom(channels: ChannelId[], policy: Pick<Policy, 'hashtagCap'> | null, content: Pick<PostContent, 'caption' | 'hashtags'>): number | null {
  const caps = [...channels.map((ch) => channelLimits[ch].text.hashtagMax), policy?.hashtagCap ?? null].filter((c): c is number => c != null);
  if (caps.length === 0) return null;
  const used = inlineHashtags(content.caption).length + content.hashtags.length;
  return Math.max(0, Math.min(...caps) - used);
}

export type KitTagChip = { tag: string; canAdd: boolean };

/** The kit's hashtags the post lacks (compared without case, wherever they are typed), in the kit's order. */
export function kitTagChips(kitTags: readonly string[], content: Pick<PostContent, 'caption' | 'hashtags'>, room: number | null): KitTagChip[] {
  const have = new Set([...content.hashtags, ...inlineHashtags(content.caption).map((h) => h.text)].map((h) => h.replace(/^#/, '').toLowerCase()));
  return kitTags.filter((tag) => !have.has(tag.toLowerCase())).map((tag) => ({ tag, canAdd: room === null || room > 0 }));
}

/** The hashtags field with one more tag (the field is space-separated `#tag`s). */
export function appendTag(field: string, tag: string): string {
  const trimmed = field.trim();
  return trimmed ? `${trimmed} #${tag}` : `#${tag}`;
}

/** The caption with the kit's disclaimer on a line of its own at the end, unless it is already there. */
export function withDisclaimer(caption: string, disclaimer: string): string {
  const line = disclaimer.trim();
  if (!line || caption.includes(line)) return caption;
  const body = caption.replace(/\s+$/u, '');
  return body ? `${body}\n\n${line}` : line;
}
