import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrandKit, type BrandKitContent, emptyKitContent } from '../model/brand-kit';
import { defaultTextStyle, type TextClip, type VideoDraft } from '../model/draft';
import { applyKit, kitTextClip } from '../model/kit-apply';
import { draft, media, text, track } from '../render/test-drafts';
import type { Studio } from '../studio';
import { openTempStudio, type TempStudio } from './__tests__/temp-studio';

// Issue 10, "Done when": a kit exported from one library and imported into a fresh one renders the same export
// byte for byte in its text layers. Both libraries use their real fonts store and text rasteriser process; the
// layers compared are the very PNGs the export overlays (the export job's text cache), not a re-rendering.

const LOBSTER = createRequire(import.meta.url).resolve('@expo-google-fonts/lobster/400Regular/Lobster_400Regular.ttf');
const canvas = { width: 540, height: 960 };

let a: TempStudio;
let b: TempStudio;
let kitFile: string;
let kitA: BrandKit;
let kitB: BrandKit;

beforeAll(async () => {
  a = await openTempStudio('pf-kit-rt-a-');
  b = await openTempStudio('pf-kit-rt-b-');
  const { font } = await a.studio.api['fonts.add']({ actorId: 'owner', path: LOBSTER, licenceNote: 'OFL 1.1' });
  const content: BrandKitContent = {
    ...emptyKitContent('Acme'),
    palette: [{ name: 'Signal red', color: '#e4002b', role: 'primary' }],
    fontIds: [font.id],
    textStyles: [
      { role: 'title', style: { ...defaultTextStyle, font: 'Lobster', size: 120, color: '#e4002b', stroke: { color: '#111111', width: 6 }, box: null }, placement: { x: 0.5, y: 0.3, maxWidth: 0.8 } },
      { role: 'caption', style: { ...defaultTextStyle, font: 'Lobster', size: 64, color: '#111111', stroke: null, box: { color: '#fafafa', opacity: 0.9, padding: 18, radius: 12 } }, placement: { x: 0.5, y: 0.75, maxWidth: 0.85 } },
    ],
  };
  kitA = await a.studio.api['kits.create']({ actorId: 'owner', content });
  kitFile = path.join(a.tmp, 'acme.postframe-kit');
  await a.studio.api['kits.export']({ id: kitA.id, path: kitFile });
  kitB = await b.studio.api['kits.import']({ actorId: 'owner', path: kitFile });
});
afterAll(async () => {
  await a?.close();
  await b?.close();
});

/** A 1 s draft on a plain background image, with a title and a caption styled by `kit`'s roles (applyKit, as the editor does). */
async function kitDraft(s: Studio, dir: string, kit: BrandKit): Promise<VideoDraft> {
  const bg = path.join(dir, 'bg.png');
  await sharp({ create: { width: canvas.width, height: canvas.height, channels: 3, background: '#3a6ea5' } }).png().toFile(bg);
  const { jobId } = await s.api['imports.start']({ paths: [bg], uploads: [] });
  const job = await s.waitForJob(jobId);
  const assetId = (job.result as { assetIds: string[] }).assetIds[0]!;
  const title = kitTextClip(kit, 'title', 'Summer Sale', 0, canvas.width, 'title', 1);
  const caption = kitTextClip(kit, 'caption', 'Hello from Acme', 0, canvas.width, 'caption', 1);
  // Plain text first, then the kit applied: the path a creator takes when switching a draft to the kit.
  const plain = (c: TextClip): TextClip => ({ ...text(c.id, c.text, c.start, c.duration), styleRole: c.styleRole, x: c.x, y: c.y, maxWidth: c.maxWidth });
  const doc = draft([track('main', 'main', [media('bg', assetId, 0, 0, 1)]), track('texts', 'text', [plain(title), plain(caption)])], { ...canvas, preset: '9:16' });
  const applied = applyKit(doc, kit, () => null);
  expect(applied.restyled).toBe(2);
  return applied.draft as VideoDraft;
}

/** Exports the draft through the real export job; returns the SHA-256 of every text-layer PNG the export drew. */
async function exportedTextLayers(s: Studio, doc: VideoDraft): Promise<string[]> {
  const dir = s.rooms.folder.textCacheDir;
  const before = new Set(fs.existsSync(dir) ? fs.readdirSync(dir) : []);
  const rec = await s.api['drafts.create']({ kind: 'video', name: 'Kit round trip' });
  await s.api['drafts.save']({ id: rec.id, baseRevision: rec.revision, doc: { ...doc, name: 'Kit round trip' } });
  const { jobId } = await s.api['exports.start']({ draftId: rec.id, preset: { height: 'canvas', fps: 'canvas', quality: 'small' } });
  const job = await s.waitForJob(jobId);
  expect(job.error, 'the export').toBeNull();
  const made = fs.readdirSync(dir).filter((f) => f.endsWith('.png') && !before.has(f));
  return made.map((f) => createHash('sha256').update(fs.readFileSync(path.join(dir, f))).digest('hex')).sort();
}

describe('a kit moved to a fresh library draws the same text layers', () => {
  it('imports the font and the styles unchanged', () => {
    expect(kitB.fontIds).toEqual(kitA.fontIds);
    expect(kitB.textStyles).toEqual(kitA.textStyles);
    expect(b.studio.rooms.fonts.get(kitB.fontIds[0]!)).toMatchObject({ family: 'Lobster', licenceNote: 'OFL 1.1' });
  });

  it('the export in library B overlays byte-identical text PNGs to library A, and a changed style does not', async () => {
    const docA = await kitDraft(a.studio, a.tmp, kitA);
    const docB = await kitDraft(b.studio, b.tmp, kitB);
    const layersA = await exportedTextLayers(a.studio, docA);
    const layersB = await exportedTextLayers(b.studio, docB);
    // Two layers, each drawn fresh in its own library (nothing was cached before the export), the same bytes.
    expect(layersA).toHaveLength(2);
    expect(layersB).toEqual(layersA);

    // The keys agree too (same font file ids), and text.render answers the same PNGs the export drew.
    for (const clip of docA.tracks[1]!.clips as TextClip[]) {
      const input = { text: { text: clip.text, style: clip.style, x: clip.x, y: clip.y, maxWidth: clip.maxWidth }, canvas };
      const ra = await a.studio.api['text.render'](input);
      const rb = await b.studio.api['text.render'](input);
      expect(rb).toEqual(ra);
      const bytes = fs.readFileSync(path.join(b.studio.rooms.folder.textCacheDir, `${rb.key}.png`));
      expect(layersA).toContain(createHash('sha256').update(bytes).digest('hex'));
    }

    // The comparison can fail: the title a size larger in B gives a different PNG.
    const bigger: VideoDraft = {
      ...docB,
      tracks: docB.tracks.map((t) => (t.kind === 'text' ? { ...t, clips: (t.clips as TextClip[]).map((c) => (c.id === 'title' ? { ...c, style: { ...c.style, size: c.style.size + 4 } } : c)) } : t)),
    };
    const changed = await exportedTextLayers(b.studio, bigger);
    expect(changed).toHaveLength(1); // the caption is cached already; only the title is drawn again
    expect(layersA).not.toContain(changed[0]);
  });
});
