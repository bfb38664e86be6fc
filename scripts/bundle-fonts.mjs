#!/usr/bin/env node
// Fills resources/fonts (gitignored) with the fonts every install draws with, copied from npm packages with
// their licences, so a fresh install renders text the same everywhere (docs/fonts.md). Run by `npm install`
// (postinstall); electron-builder packs resources/ (extraResources), and the text rasteriser lists the folder
// in its fontconfig file (electron/studio/text-fonts.ts bundledFontsDir).
//   DejaVu Sans and DejaVu Sans Mono (dejavu-fonts-ttf): Latin with the Nordic letters (æøå ÆØÅ äöü ð þ), Greek, Cyrillic.
// Colour emoji are not bundled: librsvg draws SVG text as outlines, so a COLR emoji font (twemoji-colr-font)
// draws nothing at all through it (docs/fonts.md "Emoji").
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'resources', 'fonts');
const dejavu = path.join(root, 'node_modules', 'dejavu-fonts-ttf');
const faces = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf', 'DejaVuSans-Oblique.ttf', 'DejaVuSans-BoldOblique.ttf', 'DejaVuSansMono.ttf', 'DejaVuSansMono-Bold.ttf', 'DejaVuSansMono-Oblique.ttf', 'DejaVuSansMono-BoldOblique.ttf'];

if (!fs.existsSync(dejavu)) {
  process.stderr.write('bundle-fonts: node_modules/dejavu-fonts-ttf is missing; run npm install. Text will use the system fonts.\n');
  process.exit(0);
}
fs.mkdirSync(out, { recursive: true });
for (const f of faces) fs.copyFileSync(path.join(dejavu, 'ttf', f), path.join(out, f));
fs.copyFileSync(path.join(dejavu, 'LICENSE'), path.join(out, 'LICENSE-DejaVu.txt'));
process.stderr.write(`bundle-fonts: ${faces.length} fonts in resources/fonts\n`);
