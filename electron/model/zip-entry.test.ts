import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { entryNameKey, unsafeEntryName } from './zip-entry';

describe('kit entry names', () => {
  it('takes plain relative paths', () => {
    for (const ok of ['manifest.json', 'media/ab12.png', 'fonts/Lobster Regular.ttf', 'a/b/c.d', 'logo-ä.svg']) expect(unsafeEntryName(ok)).toBeNull();
  });

  it('refuses everything that could leave the folder or mean two files', () => {
    const bad: [string, RegExp][] = [
      ['', /no name/],
      ['/etc/passwd', /absolute/],
      ['../evil.sh', /climbs out/],
      ['media/../../evil', /climbs out/],
      ['media\\..\\evil', /backslashes/],
      ['C:/Windows/evil.dll', /drive/],
      ['c:evil', /drive/],
      ['media//x.png', /empty/],
      ['./x.png', /“\.”/],
      ['media/', /empty/],
      ['a\u0000b', /control/],
      ['evil.png.', /not a valid file name/],
      ['con:x', /not a valid file name/],
      ['x'.repeat(256), /longer than 255/],
    ];
    for (const [name, why] of bad) expect(unsafeEntryName(name), name).toMatch(why);
  });

  it('never lets a name with a .. segment, a leading / or a backslash through (property)', () => {
    const seg = fc.stringMatching(/^[a-z.]{0,4}$/);
    fc.assert(
      fc.property(fc.array(seg, { minLength: 1, maxLength: 5 }), fc.boolean(), (parts, lead) => {
        const name = `${lead ? '/' : ''}${parts.join('/')}`;
        if (parts.includes('..') || lead) expect(unsafeEntryName(name)).not.toBeNull();
      }),
    );
    fc.assert(fc.property(fc.string(), (s) => {
      if (s.includes('\\')) expect(unsafeEntryName(s)).not.toBeNull();
    }));
  });

  it('folds case and Unicode forms, as macOS and Windows file systems do', () => {
    expect(entryNameKey('Logo.PNG')).toBe(entryNameKey('logo.png'));
    expect(entryNameKey('caf\u00e9')).toBe(entryNameKey('cafe\u0301'));
  });
});
