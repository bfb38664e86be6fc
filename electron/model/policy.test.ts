import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PostContent } from './post';
import { checkPolicy, defaultPolicy, findPhrase, fold, licenceEndsAt, Policy, type PolicyContext } from './policy';

const content = (c: Partial<PostContent> = {}): PostContent => ({ caption: '', hashtags: [], mentions: [], firstComment: '', link: null, ...c });
const ctx = (c: Partial<PolicyContext> = {}): PolicyContext => ({ sponsored: false, assetLicences: [], now: new Date('2026-11-26T12:00:00Z'), ...c });
const policy = (p: Partial<Policy> = {}): Policy => ({ ...defaultPolicy, requireDisclosure: { enabled: false, tags: [] }, ...p });
const slices = (text: string, phrase: string) => findPhrase(text, phrase).map((s) => text.slice(s.start, s.end));

describe('banned phrases', () => {
  it('match whole words, ignoring case and accents, across any whitespace', () => {
    expect(slices('Visit our Café today', 'cafe')).toEqual(['Café']);
    expect(slices('Visit our cafe\u0301s', 'cafe')).toEqual([]); // "cafés": a longer word
    expect(slices('a cafe\u0301 here', 'café')).toEqual(['cafe\u0301']); // decomposed accent kept in the span
    expect(slices('Get FREE  money now', 'free money')).toEqual(['FREE  money']);
    expect(slices('free\nmoney', 'Free Money')).toEqual(['free\nmoney']);
    expect(slices('Freedom and free-range', 'free')).toEqual(['free']); // "free-range": hyphen ends the word
    expect(slices('freedom', 'free')).toEqual([]);
    expect(slices('ＦＲＥＥ stuff', 'free')).toEqual(['ＦＲＥＥ']); // full-width letters fold too
    // Phrases with regex syntax or punctuation are literal text.
    expect(slices('Free-range eggs, 100% (really)!', 'free-range')).toEqual(['Free-range']);
    expect(slices('Free-range eggs, 100% (really)!', '100% (really)')).toEqual(['100% (really)']);
    expect(slices('get rich. quick', 'rich.* quick')).toEqual([]);
    expect(slices('c++ and c# devs', 'C++')).toEqual(['c++']);
  });

  it('handles Finnish ä/ö (folded: a trade-off) and Turkish dotted/dotless i', () => {
    expect(slices('Hyvää päivää', 'hyvaa')).toEqual(['Hyvää']);
    expect(slices('Tänään sää on hyvä', 'saa')).toEqual(['sää']); // documented: ä folds to a
    expect(slices('Tänään sää on hyvä', 'sää')).toEqual(['sää']);
    expect(slices('İSTANBUL', 'istanbul')).toEqual(['İSTANBUL']); // dotted capital İ folds to i
    expect(slices('ılık', 'ilik')).toEqual([]); // dotless ı is its own letter
    expect(slices('ılık', 'ılık')).toEqual(['ılık']);
  });

  it('report every place, with original offsets, in caption, first comment, inline and listed hashtags', () => {
    const v = checkPolicy(
      policy({ bannedPhrases: ['free money'] }),
      content({ caption: '🎉 FREE money! #FreeMoney', firstComment: 'free   money', hashtags: ['ok', 'free_money'] }),
      ctx(),
    );
    expect(v).toHaveLength(1);
    expect(v[0]).toMatchObject({ rule: 'bannedPhrase', message: '“free money” is on the brand\'s banned list (4 places)' });
    expect(v[0]!.spans).toEqual([
      { field: 'caption', start: 3, end: 13 },
      { field: 'caption', start: 15, end: 25 },
      { field: 'firstComment', start: 0, end: 12 },
      { field: 'hashtags', start: 1, end: 2 },
    ]);
    expect('🎉 FREE money! #FreeMoney'.slice(3, 13)).toBe('FREE money');
  });

  it('spans always slice the original text to something that folds to the phrase', () => {
    const letters = fc.constantFrom(...'aeiouäöåéçñıİIßﬁ'.split(''), 'e\u0301', 'A', 'Ö', '😀');
    const word = fc.array(letters, { minLength: 1, maxLength: 4 }).map((a) => a.join(''));
    const space = fc.constantFrom(' ', '  ', '\n', '\u00a0', '\t');
    fc.assert(
      fc.property(fc.array(fc.oneof(word, space, fc.constantFrom('.', ',', '#', '-')), { maxLength: 30 }), fc.array(word, { minLength: 1, maxLength: 2 }), (parts, phraseWords) => {
        const phrase = phraseWords.join(' ');
        // Put the phrase in at least once, in a random-ish case, so there is something to find.
        const text = [...parts.slice(0, 5), ' ', phraseWords.join('  ').toUpperCase(), ' ', ...parts.slice(5)].join('');
        const found = findPhrase(text, phrase);
        const norm = (s: string) => fold(s).trim().replace(/\s+/gu, ' ');
        for (const s of found) {
          expect(norm(text.slice(s.start, s.end))).toBe(norm(phrase));
        }
        // The inserted copy is found unless upper-casing changed what it folds to (ı → I, ß → SS).
        if (fold(phrase.toUpperCase()) === fold(phrase)) expect(found.length).toBeGreaterThanOrEqual(1);
      }),
      { numRuns: 500 },
    );
  });

  it('takes any phrase literally, never throwing, with spans that fold to it (arbitrary Unicode)', () => {
    // Any code point, or a dense mix of regex syntax, whitespace and letters that fold in odd ways.
    const tricky = fc.constantFrom(...' -\\.*+?^$(){}[]|/#%&@aAäÄöİıßﬁ'.split(''), 'e\u0301', '😀', '\u00a0', '\n');
    const any = fc.oneof(fc.string({ unit: 'binary', maxLength: 12 }), fc.string({ unit: tricky, maxLength: 12 }));
    fc.assert(
      fc.property(any, any, any, (before, phrase, after) => {
        const text = `${before} ${phrase} ${after}`;
        const norm = (s: string) => fold(s).trim().replace(/\s+/gu, ' ');
        for (const s of findPhrase(text, phrase)) expect(norm(text.slice(s.start, s.end))).toBe(norm(phrase));
      }),
      { numRuns: 1000 },
    );
  });

  it('finds the phrase wherever it stands as whole words between separators', () => {
    fc.assert(
      fc.property(fc.constantFrom('café', 'free money', 'Hyvää päivää'), fc.constantFrom('', ' ', '. ', '(', '\n'), fc.constantFrom('', ' ', '!', ')'), fc.boolean(), (phrase, pre, post, upper) => {
        const written = upper ? phrase.toUpperCase() : phrase;
        const text = `x${pre || ' '}${written}${post || ' '}y`;
        expect(findPhrase(text, phrase)).toHaveLength(1);
      }),
    );
  });
});

describe('disclosure', () => {
  const p = policy({ requireDisclosure: { enabled: true, tags: ['ad', '#sponsored'] } });
  it('requires #ad or #sponsored on a sponsored post, in the caption or the hashtags', () => {
    expect(checkPolicy(p, content({ caption: 'New shoes' }), ctx({ sponsored: true }))).toMatchObject([{ rule: 'disclosure', fix: 'Add #ad to the caption or the hashtags', spans: [] }]);
    expect(checkPolicy(p, content({ caption: 'New shoes #AD' }), ctx({ sponsored: true }))).toEqual([]);
    expect(checkPolicy(p, content({ caption: 'New shoes', hashtags: ['Sponsored'] }), ctx({ sponsored: true }))).toEqual([]);
    expect(checkPolicy(p, content({ caption: 'New shoes' }), ctx({ sponsored: false }))).toEqual([]);
    // "#adventure" is not "#ad".
    expect(checkPolicy(p, content({ caption: 'New shoes #adventure' }), ctx({ sponsored: true }))).toHaveLength(1);
  });

  it('does not count a disclosure hidden in the first comment, and points at it', () => {
    const [v] = checkPolicy(p, content({ caption: 'New shoes', firstComment: 'thanks #ad' }), ctx({ sponsored: true }));
    expect(v?.message).toMatch(/first comment is hidden until opened/);
    expect(v?.spans).toEqual([{ field: 'firstComment', start: 7, end: 10 }]);
  });
});

describe('hashtag cap', () => {
  it('counts caption and list hashtags and points at the ones over the cap', () => {
    const p = policy({ hashtagCap: 2 });
    expect(checkPolicy(p, content({ caption: '#one', hashtags: ['two'] }), ctx())).toEqual([]);
    const [v] = checkPolicy(p, content({ caption: '#one text #two #three', hashtags: ['four'] }), ctx());
    expect(v).toMatchObject({ rule: 'hashtagCap', message: "4 hashtags is over the brand's cap of 2", fix: 'Remove 2 hashtags (those typed in the caption count too)' });
    expect(v!.spans).toEqual([
      { field: 'caption', start: 15, end: 21 },
      { field: 'hashtags', start: 0, end: 1 },
    ]);
    const [w] = checkPolicy(p, content({ caption: '#one', hashtags: ['a', 'b', 'c'] }), ctx());
    expect(w!.spans).toEqual([
      { field: 'hashtags', start: 1, end: 2 },
      { field: 'hashtags', start: 2, end: 3 },
    ]);
  });
});

describe('link domains', () => {
  const p = policy({ allowedLinkDomains: ['example.com', 'brand.fi'] });
  it('allows the domains and their subdomains, anywhere links are', () => {
    const c = content({ caption: 'Shop https://shop.example.com/x and www.brand.fi.', firstComment: 'http://EXAMPLE.com', link: 'https://brand.fi/a' });
    expect(checkPolicy(p, c, ctx())).toEqual([]);
  });

  it('flags other domains at the link, including look-alikes', () => {
    const c = content({ caption: 'Go https://example.com.evil.io/x now', firstComment: 'or https://notexample.com', link: 'https://other.org/' });
    const v = checkPolicy(p, c, ctx());
    expect(v.map((x) => x.rule)).toEqual(['linkDomain', 'linkDomain', 'linkDomain']);
    expect(v[0]).toMatchObject({ message: 'example.com.evil.io is not an allowed link domain (example.com, brand.fi)', spans: [{ field: 'caption', start: 3, end: 32 }] });
    expect(c.caption.slice(3, 32)).toBe('https://example.com.evil.io/x');
    expect(v[1]!.spans).toEqual([{ field: 'firstComment', start: 3, end: 25 }]);
    expect(v[2]).toMatchObject({ fix: 'Link to one of example.com, brand.fi, or ask an admin to allow other.org', spans: [{ field: 'link', start: 0, end: 18 }] });
  });

  it('allows any link when the list is empty', () => {
    expect(checkPolicy(policy(), content({ caption: 'https://anything.example' }), ctx())).toEqual([]);
  });

  it('accepts internationalised domains written either way', () => {
    const idn = policy({ allowedLinkDomains: ['pää.fi'] });
    expect(checkPolicy(idn, content({ caption: 'https://www.pää.fi/x' }), ctx())).toEqual([]);
    expect(checkPolicy(idn, content({ caption: 'https://xn--p-0faa.fi/x' }), ctx())).toEqual([]);
    expect(checkPolicy(idn, content({ caption: 'https://pöö.fi/x' }), ctx())).toMatchObject([{ message: 'pöö.fi is not an allowed link domain (pää.fi)', fix: 'Link to pää.fi, or ask an admin to allow pöö.fi' }]);
  });
});

describe('expired licences', () => {
  const p = policy({ blockExpiredLicences: true });
  const asset = (expiresAt: string | null) => ({ assetId: 'a1', name: 'Beach.mp4', expiresAt });
  it('blocks an asset whose licence ended before now, a bare date counting to the end of that day (UTC)', () => {
    expect(checkPolicy(p, content(), ctx({ assetLicences: [asset('2026-11-25')] }))).toMatchObject([{ rule: 'expiredLicence', message: 'The licence for “Beach.mp4” expired on 2026-11-25' }]);
    expect(checkPolicy(p, content(), ctx({ assetLicences: [asset('2026-11-26'), asset(null), asset('2027-01-01T00:00:00Z')] }))).toEqual([]);
    expect(checkPolicy(p, content(), ctx({ assetLicences: [asset('2026-11-26T11:59:59Z')] }))).toHaveLength(1);
    expect(checkPolicy(policy({ blockExpiredLicences: false }), content(), ctx({ assetLicences: [asset('2020-01-01')] }))).toEqual([]);
    expect(licenceEndsAt('2026-11-30')).toBe(Date.parse('2026-12-01T00:00:00Z'));
  });

  it('blocks a licence date it cannot read, saying how to fix it', () => {
    expect(checkPolicy(p, content(), ctx({ assetLicences: [asset('next spring')] }))).toMatchObject([{ rule: 'expiredLicence', fix: 'Fix the licence date of “Beach.mp4” in the library (YYYY-MM-DD)' }]);
  });
});

describe('Policy schema', () => {
  it('accepts the default and rejects bad input with messages that say what to do', () => {
    expect(Policy.parse(defaultPolicy)).toEqual(defaultPolicy);
    expect(Policy.parse({ ...defaultPolicy, allowedLinkDomains: [' Example.COM '] }).allowedLinkDomains).toEqual(['example.com']);
    const bad = Policy.safeParse({ ...defaultPolicy, requireDisclosure: { enabled: true, tags: [] }, allowedLinkDomains: ['not a domain'] });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.message)).toEqual(expect.arrayContaining(['A domain looks like example.com (subdomains are allowed with it)', 'Name at least one disclosure tag (like ad) or turn the requirement off']));
  });
});

describe('required watermark', () => {
  const req = policy({ requireWatermark: ['tiktok', 'instagram_reel'] });
  it('blocks a post for a chosen channel whose draft has no watermark, or one that does not span it, saying how to fix it', () => {
    const none = checkPolicy(req, content(), ctx({ channel: 'tiktok', watermark: 'none' }));
    expect(none).toHaveLength(1);
    expect(none[0]).toMatchObject({ rule: 'watermark', spans: [] });
    expect(none[0]!.message).toMatch(/TikTok posts must carry the brand watermark/);
    expect(none[0]!.fix).toMatch(/Add watermark in the editor/);
    const partial = checkPolicy(req, content(), ctx({ channel: 'instagram_reel', watermark: 'partial' }));
    expect(partial[0]!.message).toMatch(/whole video/);
    expect(partial[0]!.fix).toMatch(/Add watermark in the editor/);
    expect(checkPolicy(req, content(), ctx({ channel: 'tiktok', watermark: 'noDraft' }))[0]!.fix).toMatch(/Pick a draft/);
  });

  it('lets through a spanning watermark, other channels, and checks without a channel', () => {
    expect(checkPolicy(req, content(), ctx({ channel: 'tiktok', watermark: 'spans' }))).toEqual([]);
    expect(checkPolicy(req, content(), ctx({ channel: 'youtube_shorts', watermark: 'none' }))).toEqual([]);
    expect(checkPolicy(req, content(), ctx({ watermark: 'none' }))).toEqual([]);
    expect(checkPolicy(policy(), content(), ctx({ channel: 'tiktok', watermark: 'none' }))).toEqual([]);
  });

  it('reads a policy saved before the rule existed as requiring no watermark; refuses an unknown channel', () => {
    const { requireWatermark: _omit, ...old } = defaultPolicy;
    expect(Policy.parse(old).requireWatermark).toEqual([]);
    expect(Policy.safeParse({ ...defaultPolicy, requireWatermark: ['myspace'] }).success).toBe(false);
  });
});
