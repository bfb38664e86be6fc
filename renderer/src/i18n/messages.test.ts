import { describe, expect, it } from 'vitest';
import { en } from './en';
import { t, tn } from './index';

/** Rules every English message keeps (the classes of copy bug issue 9 found). */
describe('messages', () => {
  const entries = Object.entries(en) as [keyof typeof en, string][];

  it('take no pixel sizes as numbers: t() groups numbers for the locale, so 1080 would read "1,080"', () => {
    const pixelParams = entries.filter(([, v]) => /\{(w|h|width|height|px|size(W|H))\}/.test(v)).map(([k]) => k);
    expect(pixelParams).toEqual([]);
    expect(t('export.resCanvas', { size: '1080×1920' })).toBe('Canvas (1080×1920)');
  });

  it('hard-code no system path: example paths follow the host (model/host-os.ts)', () => {
    const paths = entries.filter(([, v]) => /(^|[\s(])(\/Users\/|\/home\/|[A-Z]:\\)/.test(v)).map(([k]) => k);
    expect(paths).toEqual([]);
  });

  it('the empty Library names every kind of photo import takes, HEIC (the iPhone default) and SVG logos too', () => {
    // HEIC left this list while it could not be decoded; issue 9 item 11 made HEIC and SVG import, the list stayed short.
    for (const format of ['JPEG', 'PNG', 'HEIC', 'WebP', 'GIF', 'TIFF', 'AVIF', 'SVG']) expect(en['formats.image']).toContain(format);
  });

  it('count beats in the plural form: one beat, not "1 beats" (a new user\'s walk, the audio clip\'s Beats rows)', () => {
    expect(tn('inspector.beatsFound', 1, { bpm: 120 })).toBe('1 beat · 120 BPM');
    expect(tn('inspector.beatsFound', 2, { bpm: 120 })).toBe('2 beats · 120 BPM');
    expect(tn('inspector.beatsFoundNoTempo', 1)).toBe('1 beat');
    expect(tn('inspector.beatsFoundNoTempo', 0)).toBe('0 beats');
  });
});
