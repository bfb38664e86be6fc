import { describe, expect, it } from 'vitest';
import { CHANNELS_CHECKED, channelLimits, defaultChannels, imageFormatsFor, imagePreset, mediaLimits, type MediaLimits, type Range } from './channels';
import { channelIds } from './post';

const inRange = (r: Range | null, v: number) => r == null || ((r.min == null || v >= r.min) && (r.max == null || v <= r.max));

describe('channel limits table', () => {
  it('has one entry per channel, keyed by its own id, with a source and the check date', () => {
    expect(Object.keys(channelLimits).sort()).toEqual([...channelIds].sort());
    for (const id of channelIds) {
      const c = channelLimits[id];
      expect(c.id).toBe(id);
      expect(c.video ?? c.image).not.toBeNull();
      for (const s of [c.video?.source, c.image?.source, c.text.source]) {
        if (!s) continue;
        expect(s.page.length).toBeGreaterThan(5);
        expect(s.checked).toBe(CHANNELS_CHECKED);
      }
    }
  });

  it('keeps every range ordered and every recommended size inside its own limits', () => {
    for (const id of channelIds) {
      for (const m of [channelLimits[id].video, channelLimits[id].image].filter((x): x is MediaLimits => x != null)) {
        for (const r of [m.fps, m.side, m.width, m.height, m.aspect, m.durationSec]) {
          if (r?.min != null && r.max != null) expect(r.min, id).toBeLessThanOrEqual(r.max);
        }
        if (m.recommendedSize) {
          const { width, height } = m.recommendedSize;
          expect(inRange(m.width, width) && inRange(m.height, height), id).toBe(true);
          expect(inRange(m.side, width) && inRange(m.side, height), id).toBe(true);
          expect(inRange(m.aspect, width / height), id).toBe(true);
          if (m.recommendedAspect != null) expect(width / height).toBeCloseTo(m.recommendedAspect, 3);
        }
      }
    }
  });

  it('transcribes CHANNELS.md, picking the safe value where copies disagree', () => {
    expect(channelLimits.facebook_reel.video?.durationSec).toEqual({ min: 3, max: 90 });
    expect(channelLimits.instagram_reel.video?.maxBytes).toBe(300_000_000); // not the "1 GB" some copies say
    expect(channelLimits.tiktok.video?.durationSec?.max).toBe(180); // the cap every creator has
    expect(channelLimits.x.text.captionMax).toBe(280);
    expect(channelLimits.instagram_reel.text).toMatchObject({ hashtagMax: 30, mentionMax: 20 });
    expect(channelLimits.tiktok.text.source.secondary).toBe(true);
    expect(channelLimits.facebook_reel.text.source.secondary).toBe(false);
    expect(mediaLimits('instagram_feed', 'video')).toBeNull();
    expect(mediaLimits('instagram_feed', 'image')?.aspect).toEqual({ min: 0.8, max: 1.91 });
  });
});

describe('image presets', () => {
  it('offer the formats each channel takes, AVIF nowhere a channel lists it not', () => {
    expect(imageFormatsFor('instagram_feed')).toEqual(['jpeg']);
    expect(imageFormatsFor('x')).toEqual(['jpeg', 'png', 'webp']);
    expect(imageFormatsFor('linkedin')).toEqual(['jpeg', 'png']);
    expect(imageFormatsFor('youtube_shorts')).toEqual([]);
    expect(imagePreset('instagram_feed')).toMatchObject({ size: { width: 1080, height: 1350 }, maxBytes: 8_000_000, maxItems: 10 });
    expect(imagePreset('facebook_reel')).toBeNull();
    for (const id of Object.keys(channelLimits) as (keyof typeof channelLimits)[]) {
      const d = channelLimits[id].document;
      if (d) expect(d.source.page.length).toBeGreaterThan(0);
    }
  });
});

describe('defaultChannels', () => {
  it('starts an image post or carousel on the Instagram feed and a video on TikTok, each a channel that takes that kind', () => {
    expect(defaultChannels('image')).toEqual(['instagram_feed']);
    expect(defaultChannels('video')).toEqual(['tiktok']);
    for (const kind of ['image', 'video'] as const) for (const ch of defaultChannels(kind)) expect(mediaLimits(ch, kind)).not.toBeNull();
  });
});
