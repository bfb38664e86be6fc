import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { captionParts, fitInside, phoneLayout, safeZoneFor, shortTime } from './reviewLogic';

describe('review frame logic', () => {
  it('shows vertical video channels full screen with their app’s safe zones, and the others as a feed card', () => {
    expect([phoneLayout('tiktok'), safeZoneFor('tiktok')]).toEqual(['fullscreen', 'tiktok']);
    expect([phoneLayout('instagram_reel'), safeZoneFor('instagram_reel')]).toEqual(['fullscreen', 'reels']);
    expect([phoneLayout('youtube_shorts'), safeZoneFor('youtube_shorts')]).toEqual(['fullscreen', 'shorts']);
    expect([phoneLayout('x'), safeZoneFor('x')]).toEqual(['feed', null]);
    expect(phoneLayout('linkedin')).toBe('feed');
  });

  it('prints hashtags after the caption, once (those typed in the caption are not repeated)', () => {
    expect(captionParts(' Spring is #here ', ['here', 'Spring', 'launch'])).toEqual({ text: 'Spring is #here', tags: ['#Spring', '#launch'] });
    expect(captionParts('#Launch day', ['launch'])).toEqual({ text: '#Launch day', tags: [] });
  });

  it('fits media inside the screen without cropping', () => {
    expect(fitInside(9 / 16, { width: 300, height: 600 })).toEqual({ width: 300, height: 533 });
    expect(fitInside(16 / 9, { width: 300, height: 600 })).toEqual({ width: 300, height: 168 });
    expect(fitInside(1, { width: 0, height: 600 })).toEqual({ width: 0, height: 0 });
    fc.assert(
      fc.property(fc.double({ min: 0.2, max: 5, noNaN: true }), fc.integer({ min: 1, max: 2000 }), fc.integer({ min: 1, max: 2000 }), (a, w, h) => {
        const f = fitInside(a, { width: w, height: h });
        expect(f.width).toBeLessThanOrEqual(w);
        expect(f.height).toBeLessThanOrEqual(h);
      }),
    );
  });

  it('writes a cover time as minutes and seconds', () => {
    expect(shortTime(2.5)).toBe('0:02.5');
    expect(shortTime(75)).toBe('1:15.0');
  });
});
