import { describe, expect, it } from 'vitest';
import { captionText } from './delivery';
import { localDate, slugify } from './slug';

describe('slugify', () => {
  it('lower-cases, strips accents and joins words with single dashes', () => {
    expect(slugify('Kesän Älykäs Jäätelö!')).toBe('kesan-alykas-jaatelo');
    expect(slugify('  Crème brûlée — déjà vu  ')).toBe('creme-brulee-deja-vu');
    expect(slugify('Straße & Øresund')).toBe('strasse-oresund');
  });
  it('removes characters Windows, macOS or Linux refuse in names', () => {
    expect(slugify('a/b\\c:d*e?f"g<h>i|j')).toBe('a-b-c-d-e-f-g-h-i-j');
    expect(slugify('..')).toBe('post');
    expect(slugify('CON')).toBe('con-post');
    expect(slugify('lpt1')).toBe('lpt1-post');
  });
  it('never returns an empty slug', () => {
    expect(slugify('')).toBe('post');
    expect(slugify('🎉🎉')).toBe('post');
    expect(slugify('東京')).toBe('post');
  });
  it('bounds the length, cutting at a word boundary when one is near', () => {
    const s = slugify('word '.repeat(40));
    expect(s.length).toBeLessThanOrEqual(60);
    expect(s.endsWith('word')).toBe(true);
    expect(slugify('x'.repeat(200))).toBe('x'.repeat(60));
    expect(slugify('a'.repeat(59) + ' bcd', 60)).toBe('a'.repeat(59));
  });
});

describe('localDate', () => {
  it('is the calendar date in the post’s zone', () => {
    const t = new Date('2026-03-28T23:30:00Z');
    expect(localDate(t, 'UTC')).toBe('2026-03-28');
    expect(localDate(t, 'Europe/Helsinki')).toBe('2026-03-29');
    expect(localDate(t, 'America/Los_Angeles')).toBe('2026-03-28');
    expect(localDate(t, 'Not/AZone')).toBe('2026-03-28');
  });
});

describe('captionText', () => {
  it('adds the hashtags the caption lacks, then the link', () => {
    expect(captionText({ caption: 'New drop #Summer', hashtags: ['summer', 'ad'], mentions: [], link: 'https://example.com/x' })).toBe(
      'New drop #Summer\n\n#ad\n\nhttps://example.com/x\n',
    );
    expect(captionText({ caption: 'Hi', hashtags: [], mentions: [], link: null })).toBe('Hi\n');
  });
  it('writes the mentions as @handle after the hashtags, leaving out those typed in the caption', () => {
    expect(captionText({ caption: 'Shot with @Anna', hashtags: ['ad'], mentions: ['anna', 'studio.north'], link: null })).toBe('Shot with @Anna\n\n#ad @studio.north\n');
    expect(captionText({ caption: '', hashtags: [], mentions: ['me'], link: null })).toBe('@me\n');
    // An e-mail address in the caption is not the mention.
    expect(captionText({ caption: 'Mail anna@example.com', hashtags: [], mentions: ['example'], link: null })).toBe('Mail anna@example.com\n\n@example\n');
  });
});
