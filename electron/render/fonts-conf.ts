import { escapeXml } from './text-svg';

/**
 * The fontconfig file the text rasteriser's process runs with (FONTCONFIG_FILE), pure so its rules are tested:
 *  - the system configuration first (fallback fonts for scripts our fonts lack), if there is one;
 *  - the bundled fonts (resources/fonts: Latin, Nordic letters, colour emoji) and the library's fonts as dirs;
 *  - a family name means one thing: fonts of a library family are rejected (`rejectfont` by family pattern)
 *    except the library's own files, accepted by file (`acceptfont` patterns beat `rejectfont` patterns; a
 *    directory glob would not: fontconfig checks globs against globs and patterns against patterns), so a
 *    system "Brand Sans" can never stand in for the library's;
 *  - fontconfig's cache in the library's cache folder, listed before the system conf so it is the one written
 *    (fontconfig writes to the first writable cachedir: after the include that was /var/cache/fontconfig or the
 *    user's ~/.cache, which then held caches of the library's folder);
 *  - synthetic bold for a family without a bold face (a style saved Bold with Lobster Regular), written here
 *    rather than left to the system's conf.d (absent where there is no /etc/fonts), so the export draws it the
 *    same on every platform and the preview, which shows the export's PNGs, agrees (model/font-weights.ts).
 */
/** A face at Medium or lighter asked for Bold is emboldened (what fontconfig's 90-synthetic.conf does on Linux). */
const SYNTHETIC_BOLD = [
  '  <match target="font">',
  '    <test name="weight" compare="less_eq"><const>medium</const></test>',
  '    <test target="pattern" name="weight" compare="more_eq"><const>bold</const></test>',
  '    <edit name="embolden" mode="assign"><bool>true</bool></edit>',
  '    <edit name="weight" mode="assign"><const>bold</const></edit>',
  '  </match>',
];

export function fontsConf(opts: { systemConf: string | null; bundledDir: string | null; libraryDir: string; cacheDir: string; libraryFonts: readonly { family: string; file: string }[] }): string {
  const x = escapeXml;
  const lines = ['<?xml version="1.0"?>', '<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">', '<!-- Written by Postframe (render/fonts-conf.ts); rewritten when the library\'s fonts change. -->', '<fontconfig>'];
  lines.push(`  <cachedir>${x(opts.cacheDir)}</cachedir>`);
  if (opts.systemConf) lines.push(`  <include ignore_missing="yes">${x(opts.systemConf)}</include>`);
  if (opts.bundledDir) lines.push(`  <dir>${x(opts.bundledDir)}</dir>`);
  lines.push(`  <dir>${x(opts.libraryDir)}</dir>`);
  lines.push(...SYNTHETIC_BOLD);
  const families = [...new Set(opts.libraryFonts.map((f) => f.family))].sort();
  if (families.length) {
    lines.push('  <selectfont>', '    <acceptfont>');
    for (const f of [...opts.libraryFonts].sort((a, b) => a.file.localeCompare(b.file))) lines.push(`      <pattern><patelt name="file"><string>${x(f.file)}</string></patelt></pattern>`);
    lines.push('    </acceptfont>', '    <rejectfont>');
    for (const f of families) lines.push(`      <pattern><patelt name="family"><string>${x(f)}</string></patelt></pattern>`);
    lines.push('    </rejectfont>', '  </selectfont>');
  }
  lines.push('</fontconfig>', '');
  return lines.join('\n');
}
