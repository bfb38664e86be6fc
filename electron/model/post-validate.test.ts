import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { channelLimits, mediaLimits } from './channels';
import { channelIds, type ChannelId, type Post, type PostContent } from './post';
import { codePointLength, findLinks, inlineHashtags, inlineMentions, writtenCaption } from './post-text';
import { formatDuration, validatePost, type MediaFacts } from './post-validate';
import { planVariant } from './render-variant';

const content = (c: Partial<PostContent> = {}): PostContent => ({ caption: 'Hello', hashtags: [], mentions: [], firstComment: '', link: null, ...c });
const post = (c: Partial<PostContent> = {}, overrides: Partial<Record<ChannelId, Partial<PostContent>>> = {}, title = 'A post'): Pick<Post, 'content' | 'targets' | 'title'> => ({
  title,
  content: content(c),
  targets: Object.entries(overrides).map(([channel, o]) => ({ channel: channel as ChannelId, overrides: o })),
});
const video = (f: Partial<MediaFacts> = {}): MediaFacts => ({ kind: 'video', durationSec: 30, width: 1080, height: 1920, fps: 30, sizeBytes: null, ...f });
const image = (f: Partial<MediaFacts> = {}): MediaFacts => ({ kind: 'image', durationSec: 0, width: 1080, height: 1350, fps: 30, sizeBytes: null, ...f });

describe('validatePost: carousels and image formats', () => {
  it('counts pages against each channel: X 4, Instagram feed 10 (the API), TikTok 35', () => {
    expect(validatePost(post(), image({ pages: 4 }), 'x')).toEqual([]);
    expect(validatePost(post(), image({ pages: 5 }), 'x')).toMatchObject([{
      field: 'pages',
      severity: 'error',
      message: expect.stringMatching(/^X takes up to 4 images a post; this carousel has 5 pages: remove 1 page, split it into two posts, or post it to TikTok, Instagram feed or LinkedIn \(as one PDF document\) \(docs\.x\.com/),
    }]);
    expect(validatePost(post(), image({ pages: 10 }), 'instagram_feed')).toEqual([]);
    const ig = validatePost(post(), image({ pages: 12 }), 'instagram_feed');
    expect(ig).toMatchObject([{ field: 'pages', severity: 'error', fix: 'remove 2 pages, split it into two posts, or post it to TikTok or LinkedIn (as one PDF document)' }]);
    expect(ig[0]!.message).toMatch(/its API, which Postframe sends through, takes 10/);
    expect(validatePost(post(), image({ width: 1080, height: 1920, pages: 36 }), 'tiktok')).toMatchObject([{ field: 'pages', severity: 'error' }]);
  });

  it('sends a LinkedIn carousel as one PDF document (to 300 pages), and refuses more, saying where it can go', () => {
    expect(validatePost(post(), image({ pages: 1 }), 'linkedin')).toEqual([]);
    expect(validatePost(post(), image({ pages: 5 }), 'linkedin')).toEqual([]);
    expect(validatePost(post(), image({ pages: 25 }), 'linkedin')).toEqual([]);
    const over = validatePost(post(), image({ pages: 301 }), 'linkedin');
    expect(over).toMatchObject([{ field: 'pages', severity: 'error', fix: 'remove 1 page, split it into two posts' }]);
    expect(over[0]!.message).toMatch(/^LinkedIn takes documents of up to 300 pages; this carousel has 301 pages/);
    expect(over[0]!.source).toMatch(/documents-api/);
  });

  it('a refused carousel names only channels that take it', () => {
    const byLabel = new Map(channelIds.map((c) => [channelLimits[c].label, c]));
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 400 }), fc.constantFrom(...channelIds), (pages, ch) => {
        const facts = image({ width: 1080, height: 1080, pages });
        const issue = validatePost(post(), facts, ch).find((i) => i.field === 'pages');
        const list = issue && /post it to (.*)$/.exec(issue.fix)?.[1];
        if (!list) return;
        const named = list.split(/, | or /).map((l) => l.replace(' (as one PDF document)', ''));
        for (const label of named) {
          const other = byLabel.get(label);
          expect(other, `${label} is a channel`).toBeDefined();
          expect(validatePost(post(), facts, other!).filter((i) => i.field === 'pages' || i.field === 'media'), `${ch} → ${label} at ${pages}`).toEqual([]);
        }
      }),
    );
  });

  it('refuses a format the channel does not take, saying which it does', () => {
    expect(validatePost(post(), image({ format: 'png' }), 'instagram_feed')).toMatchObject([{ field: 'format', severity: 'error', message: expect.stringMatching(/^Instagram feed does not take PNG: export as JPEG/) }]);
    expect(validatePost(post(), image({ format: 'avif' }), 'x')).toMatchObject([{ field: 'format', fix: 'export as JPEG or PNG or WebP' }]);
    expect(validatePost(post(), image({ format: 'webp' }), 'x')).toEqual([]);
    expect(validatePost(post(), image({ format: null }), 'instagram_feed')).toEqual([]);
  });
});

describe('validatePost', () => {
  it('passes a 30 s 9:16 video with a short caption on every video channel', () => {
    for (const ch of ['tiktok', 'instagram_reel', 'youtube_shorts', 'facebook_reel', 'x', 'linkedin'] as const) {
      const issues = validatePost(post(), video(), ch);
      // X takes 9:16 only up to 1024 px high: scaled by the export, a warning.
      expect(issues.filter((i) => i.severity === 'error'), ch).toEqual([]);
    }
  });

  it('says how much to trim, naming the source, as CHANNELS.md asks', () => {
    const [issue] = validatePost(post(), video({ durationSec: 95 }), 'facebook_reel');
    expect(issue).toEqual({
      field: 'duration',
      severity: 'error',
      message: "95 s is over Facebook Reels' 90 s: trim 5 s or export a shorter cut (developers.facebook.com: video-api/guides/reels-publishing)",
      fix: 'trim 5 s or export a shorter cut',
      source: 'developers.facebook.com: video-api/guides/reels-publishing',
    });
  });

  it('reports a video under the minimum and over the TikTok 3 min every account has', () => {
    expect(validatePost(post(), video({ durationSec: 2 }), 'instagram_reel')[0]!.message).toMatch(/^2 s is under Instagram Reels' minimum of 3 s: add 1 s/);
    expect(validatePost(post(), video({ durationSec: 200 }), 'tiktok')[0]!.message).toMatch(/^3 min 20 s is over TikTok's 3 min: trim 20 s/);
  });

  it('counts the caption with hashtags and mentions as written, in code points', () => {
    const p = post({ caption: 'x'.repeat(270), hashtags: ['abc'], mentions: ['me'] });
    // 270 + "\n\n" + "#abc @me" = 280: exactly X's limit.
    expect(codePointLength(writtenCaption(p.content))).toBe(280);
    expect(validatePost(p, video(), 'x').filter((i) => i.field === 'caption')).toEqual([]);
    const longer = post({ caption: 'x'.repeat(271), hashtags: ['abc'], mentions: ['me'] });
    expect(validatePost(longer, video(), 'x').find((i) => i.field === 'caption')?.message).toMatch(/^281 characters is over X's 280: cut 1 character \(hashtags and mentions count too\) \(docs\.x\.com/);
    // An emoji outside the BMP is one character, not two UTF-16 units.
    expect(validatePost(post({ caption: '😀'.repeat(280) }), video(), 'x').filter((i) => i.field === 'caption')).toEqual([]);
  });

  it('uses per-channel overrides', () => {
    const p = post({ caption: 'x'.repeat(500) }, { x: { caption: 'short for X' } });
    expect(validatePost(p, video(), 'x').filter((i) => i.field === 'caption')).toEqual([]);
    expect(validatePost(p, video(), 'linkedin').filter((i) => i.field === 'caption')).toEqual([]);
    expect(validatePost(post({ caption: 'x'.repeat(3001) }), video(), 'linkedin').find((i) => i.field === 'caption')?.source).toBe('learn.microsoft.com: linkedin shares videos-api');
  });

  it('counts hashtags and mentions typed in the caption against Instagram’s 30 and 20', () => {
    const tags = Array.from({ length: 28 }, (_, i) => `t${i}`);
    const p = post({ caption: 'Sun #beach #summer', hashtags: tags });
    const issue = validatePost(p, video(), 'instagram_reel').find((i) => i.field === 'hashtags');
    expect(issue).toBeUndefined(); // 28 + 2 = 30: at the limit
    const more = validatePost(post({ caption: 'Sun #beach #summer #sea', hashtags: tags }), video(), 'instagram_reel').find((i) => i.field === 'hashtags');
    expect(more?.message).toMatch(/^31 hashtags is over Instagram Reels' 30: remove 1 hashtag/);
    const mentions = validatePost(post({ caption: 'with @a and mail x@y.com', mentions: Array.from({ length: 20 }, (_, i) => `m${i}`) }), video(), 'instagram_reel');
    expect(mentions.find((i) => i.field === 'mentions')?.message).toMatch(/^21 mentions is over Instagram Reels' 20: remove 1 mention/);
  });

  it('warns that a first comment will not be posted on TikTok', () => {
    const issues = validatePost(post({ firstComment: 'Link in bio' }), video(), 'tiktok');
    expect(issues).toMatchObject([{ field: 'firstComment', severity: 'warning' }]);
    expect(issues[0]!.source).toMatch(/via a secondary copy$/);
    expect(validatePost(post({ firstComment: 'Link in bio' }), video(), 'instagram_reel')).toEqual([]);
  });

  it('warns about aspect and resolution the export will fix, saying what it will make', () => {
    const reel = validatePost(post(), video({ width: 1080, height: 1080 }), 'instagram_reel');
    expect(reel.find((i) => i.field === 'aspect')?.message).toMatch(/: the export makes a 1080×1920 variant with the picture whole on a blurred backdrop; or make a 9:16 cut/);
    const shorts = validatePost(post(), video({ width: 1920, height: 1080 }), 'youtube_shorts');
    expect(shorts.find((i) => i.field === 'aspect')?.message).toMatch(/^16:9 is wider than YouTube Shorts' widest, 1:1: the export makes a 1080×1080 variant/);
    const x = validatePost(post(), video(), 'x');
    expect(x).toMatchObject([{ field: 'resolution', severity: 'warning' }]);
    expect(x[0]!.message).toMatch(/^1080×1920 is larger than X's 32–1280 px wide, 32–1024 px high: the export scales it to 576×1024/);
    expect(validatePost(post(), video({ width: 1920, height: 1080 }), 'tiktok').find((i) => i.field === 'aspect')?.message).toMatch(/^16:9 is not 9:16, the shape TikTok shows full-screen: the export makes/);
  });

  it('an image post is told what the channel does with its pages, never about video variants or backdrops', () => {
    const tiktok = validatePost(post(), image({ width: 1080, height: 1350 }), 'tiktok').find((i) => i.field === 'aspect');
    expect(tiktok?.message).toMatch(/^4:5 is not 9:16, the shape TikTok shows full-screen: TikTok photo mode shows each page whole, fitted to the screen with bars around it; for full-screen pages, make a 9:16 version of the post/);
    const feed = validatePost(post(), image({ width: 1080, height: 1920 }), 'instagram_feed').find((i) => i.field === 'aspect');
    expect(feed?.message).toMatch(/^9:16 is taller than Instagram feed's tallest, 4:5: the pages go out as designed, so Instagram feed may crop them or refuse the post; make a 4:5 version of the post/);
    fc.assert(
      fc.property(fc.integer({ min: 16, max: 4096 }), fc.integer({ min: 16, max: 4096 }), fc.constantFrom(...channelIds), (w, h, ch) => {
        fc.pre(mediaLimits(ch, 'image') != null);
        for (const issue of validatePost(post(), image({ width: w, height: h }), ch).filter((i) => i.field === 'aspect')) {
          expect(issue.message).not.toMatch(/variant|backdrop|\bcut\b/);
        }
      }),
    );
  });

  it('warns about fps outside the range', () => {
    expect(validatePost(post(), video({ fps: 15 }), 'tiktok')).toMatchObject([{ field: 'fps', severity: 'warning', fix: 'the export renders it at 23 fps' }]);
  });

  it('reports a rendered file over the size limit, and a video too long to fit at a watchable bitrate', () => {
    expect(validatePost(post(), image({ sizeBytes: 9_500_000 }), 'instagram_feed')).toMatchObject([{ field: 'size', severity: 'error', message: expect.stringMatching(/^9\.5 MB is over Instagram feed's 8 MB/) }]);
    expect(validatePost(post(), image({ sizeBytes: 7_900_000 }), 'instagram_feed')).toEqual([]);
    // Not rendered yet: the bitrate cap keeps it under the limit; 300 MB over 15 min is ~2.5 Mb/s, watchable.
    expect(validatePost(post(), video({ durationSec: 900 }), 'instagram_reel').filter((i) => i.field === 'size')).toEqual([]);
  });

  it('reports a video too long to fit the size limit at a watchable bitrate (as if the table said 50 MB)', () => {
    const limits = channelLimits.linkedin.video!;
    const saved = limits.maxBytes;
    limits.maxBytes = 50_000_000;
    try {
      // 50 MB with 10% headroom is 360,000 kb: over 30 min that leaves 72 kb/s for video after the 128 kb/s
      // audio, too little. At 300 + 128 kb/s it holds 841 s.
      const [issue] = validatePost(post(), video({ durationSec: 1800 }), 'linkedin');
      expect(issue).toMatchObject({ field: 'size', severity: 'error', fix: 'cut it to 14 min 1 s or less' });
      expect(issue!.message).toMatch(/^30 min cannot fit LinkedIn's 50 MB at a watchable quality \(72 kb\/s\)/);
      expect(validatePost(post(), video({ durationSec: 800 }), 'linkedin')).toEqual([]);
    } finally {
      limits.maxBytes = saved;
    }
  });

  it('refuses a kind the channel does not take', () => {
    expect(validatePost(post(), video(), 'instagram_feed')).toMatchObject([{ field: 'media', severity: 'error', fix: 'post a still image to it or remove this target' }]);
    expect(validatePost(post(), image(), 'youtube_shorts')).toMatchObject([{ field: 'media', fix: 'post a video to it or remove this target' }]);
  });

  it('checks titles where the channel has one', () => {
    expect(validatePost(post({}, {}, 't'.repeat(101)), video(), 'youtube_shorts')).toMatchObject([{ field: 'title', message: expect.stringMatching(/^A 101 characters title is over YouTube Shorts' 100: shorten the title by 1 character/) }]);
    expect(validatePost(post({}, {}, 't'.repeat(91)), image({ width: 1080, height: 1920 }), 'tiktok')).toMatchObject([{ field: 'title' }]);
    expect(validatePost(post({}, {}, 't'.repeat(91)), video(), 'tiktok')).toEqual([]);
  });
});

describe('post text helpers', () => {
  it('formats durations the way people say them', () => {
    expect([formatDuration(95), formatDuration(0.5), formatDuration(180), formatDuration(200)]).toEqual(['95 s', '0.5 s', '3 min', '3 min 20 s']);
  });

  it('finds inline hashtags and mentions but not URL fragments or e-mail addresses', () => {
    expect(inlineHashtags('#one two#x https://a.com/#frag #tää').map((h) => h.text)).toEqual(['one', 'tää']);
    expect(inlineMentions('@me and x@y.com (@you.)').map((h) => h.text)).toEqual(['me', 'you']);
  });

  it('finds links, trimming sentence punctuation', () => {
    expect(findLinks('See https://Shop.Example.com/a?b=1. Or www.other.fi, then (http://x.io)').map((l) => [l.text, l.host])).toEqual([
      ['https://Shop.Example.com/a?b=1', 'shop.example.com'],
      ['www.other.fi', 'www.other.fi'],
      ['http://x.io', 'x.io'],
    ]);
  });
});

describe('validation and render variants agree', () => {
  it('a file made as planVariant says passes the media checks, and every issue names its fix and source', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 16, max: 4096 }),
        fc.integer({ min: 16, max: 4096 }),
        fc.constantFrom(24, 30, 60),
        fc.option(fc.double({ min: 3, max: 3600, noNaN: true }), { nil: null }),
        fc.constantFrom(...channelIds),
        (w, h, fps, dur, ch) => {
          const kind = dur == null ? 'image' : 'video';
          fc.pre(mediaLimits(ch, kind) != null);
          const draft: MediaFacts = { kind, durationSec: dur ?? 0, width: w, height: h, fps, sizeBytes: null };
          for (const issue of validatePost(post(), draft, ch)) {
            expect(issue.message.endsWith(`: ${issue.fix} (${issue.source})`)).toBe(true);
            // Pixel sizes read 1080×1920, as everywhere else, never 1080x1920.
            expect(issue.message).not.toMatch(/\d\s*[xX]\s*\d/);
          }
          const plan = planVariant({ width: w, height: h, fps }, dur, ch);
          const made: MediaFacts = { ...draft, width: plan.width, height: plan.height, fps: plan.fps, durationSec: Math.min(dur ?? 0, plan.maxDurationSec ?? Infinity) };
          const left = validatePost(post(), made, ch).filter((i) => ['aspect', 'resolution', 'fps', 'duration'].includes(i.field));
          expect(left, `${ch} ${plan.width}x${plan.height}`).toEqual([]);
        },
      ),
    );
  });
});
