import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { channelLimits, mediaLimits } from './channels';
import { channelIds } from './post';
import { AUDIO_KBPS, UNBINDING_KBPS, bitrateCapKbps, planVariant } from './render-variant';

const vertical = { width: 1080, height: 1920, fps: 30 };
const landscape = { width: 1920, height: 1080, fps: 30 };

describe('planVariant', () => {
  it('keeps a 9:16 draft as it is for TikTok, Reels, Shorts and Facebook Reels', () => {
    for (const ch of ['tiktok', 'instagram_reel', 'youtube_shorts', 'facebook_reel'] as const) {
      const p = planVariant(vertical, 30, ch);
      expect([p.width, p.height, p.reframe, p.fps], ch).toEqual([1080, 1920, 'fill', 30]);
    }
  });

  it('takes a 9:16 image draft to the Instagram feed at 4:5, 1080x1350, on a blurred backdrop', () => {
    expect(planVariant(vertical, null, 'instagram_feed')).toMatchObject({ width: 1080, height: 1350, reframe: 'blur', maxDurationSec: null, videoBitrateKbps: null });
  });

  it('reframes a 16:9 draft to 9:16 for TikTok and to square for Shorts, keeping the whole picture', () => {
    expect(planVariant(landscape, 20, 'tiktok')).toMatchObject({ width: 1080, height: 1920, reframe: 'blur' });
    expect(planVariant(landscape, 20, 'youtube_shorts')).toMatchObject({ width: 1080, height: 1080, reframe: 'blur' });
  });

  it('crops (fill) when the aspect changes by 10% or less', () => {
    // A 0.9 draft is inside the feed's 4:5..1.91:1 range: kept as it is. 0.75 → 4:5 loses 6% (fill);
    // 0.675 → 4:5 loses 16% (blur).
    expect(planVariant({ width: 1080, height: 1200, fps: 30 }, null, 'instagram_feed')).toMatchObject({ reframe: 'fill', width: 1080, height: 1200 });
    expect(planVariant({ width: 1080, height: 1440, fps: 30 }, null, 'instagram_feed')).toMatchObject({ reframe: 'fill', width: 1080, height: 1350 });
    expect(planVariant({ width: 1080, height: 1600, fps: 30 }, null, 'instagram_feed')).toMatchObject({ reframe: 'blur', width: 1080, height: 1350 });
  });

  it('scales into X’s 1280x1024 box and keeps the aspect', () => {
    expect(planVariant(vertical, 30, 'x')).toMatchObject({ width: 576, height: 1024, reframe: 'fill' });
    expect(planVariant(landscape, 30, 'x')).toMatchObject({ width: 1280, height: 720 });
  });

  it('scales a small draft up to Facebook Reels’ 540x960 minimum', () => {
    expect(planVariant({ width: 360, height: 640, fps: 30 }, 30, 'facebook_reel')).toMatchObject({ width: 540, height: 960 });
  });

  it('caps duration at the channel maximum and fits the bitrate to the size limit with 10% headroom', () => {
    const p = planVariant(vertical, 20 * 60, 'instagram_reel');
    expect(p.maxDurationSec).toBe(900);
    // 300 MB over the 900 s that are exported (+1 s of encoder buffer), 90% of it, minus 128 kb/s audio.
    expect(p.videoBitrateKbps).toBe(Math.floor((300e6 * 8 * 0.9) / 901 / 1000 - AUDIO_KBPS));
    expect(planVariant(vertical, 30, 'facebook_reel')).toMatchObject({ maxDurationSec: 90, videoBitrateKbps: null });
  });

  it('sets no bitrate cap where the size limit could never be reached (TikTok’s 4 GB over 30 s)', () => {
    expect(bitrateCapKbps(4e9, 30)).toBeGreaterThan(UNBINDING_KBPS);
    expect(planVariant(vertical, 30, 'tiktok').videoBitrateKbps).toBeNull();
  });

  it('clamps fps into the channel range', () => {
    expect(planVariant({ ...vertical, fps: 60 }, 10, 'x').fps).toBe(60);
    expect(planVariant({ ...vertical, fps: 24 }, 10, 'facebook_reel').fps).toBe(24);
  });

  it('refuses a kind the channel does not take, saying what to do', () => {
    expect(() => planVariant(vertical, 10, 'instagram_feed')).toThrow(/does not take videos: remove this target/);
    expect(() => planVariant(vertical, null, 'facebook_reel')).toThrow(/does not take images/);
  });

  it('always lands inside the channel limits, in even pixels, with a file that fits', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 16, max: 4096 }),
        fc.integer({ min: 16, max: 4096 }),
        fc.constantFrom(24, 30, 60),
        fc.option(fc.double({ min: 0.5, max: 3600, noNaN: true }), { nil: null }),
        fc.constantFrom(...channelIds),
        (w, h, fps, dur, ch) => {
          const m = mediaLimits(ch, dur == null ? 'image' : 'video');
          fc.pre(m != null);
          const p = planVariant({ width: w, height: h, fps }, dur, ch);
          expect(p.width % 2 + (p.height % 2)).toBe(0);
          const within = (v: number, r: { min: number | null; max: number | null } | null) =>
            r == null || ((r.min == null || v >= r.min - 2) && (r.max == null || v <= r.max));
          expect(within(p.width, m.width) && within(p.height, m.height), `${ch} ${p.width}x${p.height}`).toBe(true);
          expect(within(p.width, m.side) && within(p.height, m.side)).toBe(true);
          if (m.aspect) expect(within(p.width / p.height, { min: (m.aspect.min ?? 0) * 0.99, max: (m.aspect.max ?? Infinity) * 1.01 })).toBe(true);
          if (p.videoBitrateKbps != null && dur != null) {
            const secs = Math.min(dur, p.maxDurationSec ?? Infinity);
            expect(((p.videoBitrateKbps + AUDIO_KBPS) * 1000 * secs) / 8).toBeLessThanOrEqual(m.maxBytes! * 0.9 + 1);
          }
        },
      ),
    );
  });
});

describe('bitrateCapKbps', () => {
  it('leaves room for the audio and the headroom', () => {
    expect(bitrateCapKbps(100_000_000, 60)).toBe(Math.floor(100_000_000 * 8 * 0.9 / 60 / 1000) - 128);
    expect(channelLimits.linkedin.video?.maxBytes).toBe(500_000_000);
  });
});
