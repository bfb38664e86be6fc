#!/usr/bin/env node
// Fills resources/fonts (gitignored) with the fonts every install draws with, copied from npm packages with
// their licences, so a fresh install renders text the same everywhere (docs/fonts.md). Run by `npm install`
// (postinstall); electron-builder packs resources/ (extraResources), and the text rasteriser lists the folder
// in its fontconfig file (electron/studio/text-fonts.ts bundledFontsDir).
//   DejaVu Sans and DejaVu Sans Mono (dejavu-fonts-ttf): Latin with the Nordic letters (æøå ÆØÅ äöü ð þ), Greek, Cyrillic.
//   Twemoji Mozilla (twemoji-colr-font): colour emoji as a COLR/CPAL font (font OFL-1.1, artwork CC-BY-4.0). The
//   package ships WOFF2 only; it is decoded to TrueType with wawoff2 (as the library does with WOFF2 fonts), so
//   fontconfig/FreeType read it everywhere. Pango draws it in colour (docs/fonts.md "Emoji").
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'resources', 'fonts');
const dejavu = path.join(root, 'node_modules', 'dejavu-fonts-ttf');
const twemoji = path.join(root, 'node_modules', 'twemoji-colr-font');
const faces = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf', 'DejaVuSans-Oblique.ttf', 'DejaVuSans-BoldOblique.ttf', 'DejaVuSansMono.ttf', 'DejaVuSansMono-Bold.ttf', 'DejaVuSansMono-Oblique.ttf', 'DejaVuSansMono-BoldOblique.ttf'];

if (!fs.existsSync(dejavu)) {
  process.stderr.write('bundle-fonts: node_modules/dejavu-fonts-ttf is missing; run npm install. Text will use the system fonts.\n');
  process.exit(0);
}
fs.mkdirSync(out, { recursive: true });
for (const f of faces) fs.copyFileSync(path.join(dejavu, 'ttf', f), path.join(out, f));
fs.copyFileSync(path.join(dejavu, 'LICENSE'), path.join(out, 'LICENSE-DejaVu.txt'));
let count = faces.length;
if (fs.existsSync(twemoji)) {
  const { decompress } = await import('wawoff2');
  const ttf = await decompress(fs.readFileSync(path.join(twemoji, 'twemoji.woff2')));
  fs.writeFileSync(path.join(out, 'TwemojiMozilla.ttf'), Buffer.from(ttf));
  fs.copyFileSync(path.join(twemoji, 'LICENSE'), path.join(out, 'LICENSE-Twemoji.txt'));
  count++;
} else {
  process.stderr.write('bundle-fonts: node_modules/twemoji-colr-font is missing; run npm install. Emoji will use the system fonts.\n');
}
process.stderr.write(`bundle-fonts: ${count} fonts in resources/fonts\n`);
