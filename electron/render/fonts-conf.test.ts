import { describe, expect, it } from 'vitest';
import { fontsConf } from './fonts-conf';

describe('fontsConf', () => {
  const base = { systemConf: '/etc/fonts/fonts.conf', bundledDir: '/app/resources/fonts', libraryDir: '/lib/fonts', cacheDir: '/lib/cache/fontconfig' };

  it('includes the system conf, the bundled and library folders and keeps the cache in the library', () => {
    const xml = fontsConf({ ...base, libraryFonts: [] });
    expect(xml).toContain('<include ignore_missing="yes">/etc/fonts/fonts.conf</include>');
    expect(xml).toContain('<dir>/app/resources/fonts</dir>');
    expect(xml).toContain('<dir>/lib/fonts</dir>');
    expect(xml).toContain('<cachedir>/lib/cache/fontconfig</cachedir>');
    expect(xml).not.toContain('selectfont');
  });

  it('makes a library family unambiguous: its files accepted by file pattern, every other font of the family rejected', () => {
    const xml = fontsConf({ ...base, libraryFonts: [{ family: 'Brand & Co', file: '/lib/fonts/ab/ab12.ttf' }, { family: 'Brand & Co', file: '/lib/fonts/cd/cd34.otf' }] });
    expect(xml).toMatch(/<acceptfont>\s*<pattern><patelt name="file"><string>\/lib\/fonts\/ab\/ab12\.ttf<\/string><\/patelt><\/pattern>\s*<pattern><patelt name="file"><string>\/lib\/fonts\/cd\/cd34\.otf<\/string>/);
    // One reject per family, escaped for XML.
    expect(xml.match(/<patelt name="family">/g)).toHaveLength(1);
    expect(xml).toContain('<string>Brand &amp; Co</string>');
  });
});
