import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fontsConf } from './fonts-conf';

const LOBSTER = createRequire(import.meta.url).resolve('@expo-google-fonts/lobster/400Regular/Lobster_400Regular.ttf');
const hasFcMatch = (() => {
  try {
    execFileSync('fc-match', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('fontsConf', () => {
  const base = { systemConf: '/etc/fonts/fonts.conf', bundledDir: '/app/resources/fonts', libraryDir: '/lib/fonts', cacheDir: '/lib/cache/fontconfig' };

  it('includes the system conf, the bundled and library folders and keeps the cache in the library', () => {
    const xml = fontsConf({ ...base, libraryFonts: [] });
    expect(xml).toContain('<include ignore_missing="yes">/etc/fonts/fonts.conf</include>');
    expect(xml).toContain('<dir>/app/resources/fonts</dir>');
    expect(xml).toContain('<dir>/lib/fonts</dir>');
    expect(xml).toContain('<cachedir>/lib/cache/fontconfig</cachedir>');
    // Before the include: fontconfig writes its caches to the first writable cachedir.
    expect(xml.indexOf('<cachedir>')).toBeLessThan(xml.indexOf('<include'));
    expect(xml).not.toContain('selectfont');
  });

  it('makes a library family unambiguous: its files accepted by file pattern, every other font of the family rejected', () => {
    const xml = fontsConf({ ...base, libraryFonts: [{ family: 'Brand & Co', file: '/lib/fonts/ab/ab12.ttf' }, { family: 'Brand & Co', file: '/lib/fonts/cd/cd34.otf' }] });
    expect(xml).toMatch(/<acceptfont>\s*<pattern><patelt name="file"><string>\/lib\/fonts\/ab\/ab12\.ttf<\/string><\/patelt><\/pattern>\s*<pattern><patelt name="file"><string>\/lib\/fonts\/cd\/cd34\.otf<\/string>/);
    // One reject per family, escaped for XML.
    expect(xml.match(/<patelt name="family">/g)).toHaveLength(1);
    expect(xml).toContain('<string>Brand &amp; Co</string>');
  });

  // Without the system's conf (Windows, macOS have no /etc/fonts), our own rule still synthesises the bold a
  // regular-only family is asked for, so a saved bold Lobster style draws the same everywhere.
  it.skipIf(!hasFcMatch)('synthesises bold for a regular-only library family without the system conf, not when Regular is asked for', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-fcconf-'));
    try {
      const fonts = path.join(dir, 'fonts');
      fs.mkdirSync(fonts);
      fs.copyFileSync(LOBSTER, path.join(fonts, 'lobster.ttf'));
      const conf = path.join(dir, 'fonts.conf');
      fs.writeFileSync(conf, fontsConf({ systemConf: null, bundledDir: null, libraryDir: fonts, cacheDir: path.join(dir, 'cache'), libraryFonts: [{ family: 'Lobster', file: path.join(fonts, 'lobster.ttf') }] }));
      const match = (pattern: string) => execFileSync('fc-match', ['-f', '%{file}|%{embolden}', pattern], { env: { ...process.env, FONTCONFIG_FILE: conf }, encoding: 'utf8' });
      expect(match('Lobster:bold')).toBe(`${path.join(fonts, 'lobster.ttf')}|True`);
      expect(match('Lobster')).toMatch(/lobster\.ttf\|(False)?$/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

