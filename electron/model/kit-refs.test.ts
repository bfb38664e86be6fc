import { describe, expect, it } from 'vitest';
import { emptyKitContent } from './brand-kit';
import { checkKitReferences, type RefAsset } from './kit-refs';

const assets: Record<string, RefAsset> = {
  logo: { id: 'logo', name: 'logo.svg', kind: 'image', trashed: false },
  clip: { id: 'clip', name: 'intro.mp4', kind: 'video', trashed: false },
  old: { id: 'old', name: 'old.png', kind: 'image', trashed: true },
  song: { id: 'song', name: 'song.mp3', kind: 'audio', trashed: false },
};
const font = 'a'.repeat(64);
const look = (id: string) => assets[id] ?? null;
const check = (patch: Partial<ReturnType<typeof emptyKitContent>>, fonts: string[] = [font]) => () => checkKitReferences({ ...emptyKitContent('Acme'), ...patch }, look, (f) => fonts.includes(f));

describe('checkKitReferences', () => {
  it('takes images as logos, videos as intro/outro, and fonts the library has', () => {
    expect(check({ logos: { light: 'logo', dark: 'logo' }, intro: 'clip', outro: 'clip', fontIds: [font] })).not.toThrow();
    expect(check({})).not.toThrow();
  });

  it('refuses the wrong kind, a missing or trashed asset, and a font not in the library, saying what to do', () => {
    expect(check({ logos: { light: 'clip', dark: null } })).toThrow(expect.objectContaining({ code: 'invalid_input', message: '“intro.mp4” is a video; the light logo must be an image (SVG or PNG, ideally with a transparent background). Pick another file.' }));
    expect(check({ intro: 'logo' })).toThrow(/“logo.svg” is an image; the intro clip must be a video clip/);
    expect(check({ outro: 'song' })).toThrow(/“song.mp3” is an audio file; the outro clip must be a video clip/);
    expect(check({ logos: { light: null, dark: 'gone' } })).toThrow(/The dark logo chosen for this kit is no longer in the library/);
    expect(check({ logos: { light: null, dark: 'old' } })).toThrow(/“old.png” \(the dark logo\) is in the Trash. Restore it/);
    expect(check({ fontIds: [font] }, [])).toThrow(/lists a font that is not in this library \(aaaaaaaaaaaa…\)\. Add the font files in Brand → Fonts/);
  });
});
