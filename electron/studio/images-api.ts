import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import { draftNotFound } from '../library/drafts-repo';
import { ensureRendition } from '../media/renditions';
import { renditionExt } from '../model/asset';
import type { TextLayerImage } from '../model/draft-record';
import { AppError } from '../model/errors';
import type { Size } from '../model/geometry';
import type { ImageDraft, PhotoEdit } from '../model/image-draft';
import { type ImageAssetFacts, type ImagePlan, assetsOfPage, planImagePage, textLayersToDraw } from '../render/image-plan';
import { type PhotoSource, type Raw, editedPhoto, encodePng, renderImagePlan } from '../render/image-render';
import { type ImageFormat, type WrittenPage, writeImagePages } from '../render/image-export';
import { photoSourceFacts } from '../render/source-facts';
import { rasterizeText, textLayerPath } from '../render/text';
import { auditManualExport } from './drafts-api';
import type { ApiPart, Rooms, StudioContext } from './context';
import { checkImageExport, imageDraftOf, listImageExports } from './image-export-job';

/**
 * The image compositor's calls (docs/image-render.md). Their PNGs go to the library's layer cache (cache/text,
 * beside the text layers' PNGs) under a SHA-256 of everything that makes their pixels, so the preview fetches them
 * by the same URL as a text layer's and an unchanged page or photo is never drawn twice.
 */

/** Bump when the compositor draws differently, so cached pictures from an older Postframe are not reused. */
export const IMAGE_RENDER_VERSION = 1;

/** The largest frame images.photo draws at before scaling down (a 4096×4096 canvas). */
const PHOTO_FRAME_MAX_PIXELS = 4096 * 4096;

type ImageCalls = 'images.photo' | 'images.renderPage' | 'images.export' | 'images.exports';

export type ImageSource = PhotoSource & { facts: ImageAssetFacts; sha256: string };

/**
 * What the compositor needs of each asset: its kind and upright size for the plan, the file sharp decodes and
 * its EXIF turn for the render. SVG and HEIC draw their renditions (as the video export and the preview do).
 * An asset that is gone (purged, or its file missing) is left out, and the plan names the layer that used it.
 */
export async function imageSources(rooms: Rooms, ids: readonly string[]): Promise<Map<string, ImageSource>> {
  const out = new Map<string, ImageSource>();
  for (const id of new Set(ids)) {
    const a = rooms.assets.get(id);
    if (!a) continue;
    const file = rooms.folder.originalPath(a.sha256, a.ext);
    if (!(await fs.stat(file).then((s) => s.isFile(), () => false))) continue;
    if (a.kind !== 'image') {
      out.set(id, { path: file, orientation: 1, sha256: a.sha256, facts: { kind: a.kind, width: a.facts.width ?? 1, height: a.facts.height ?? 1 } });
      continue;
    }
    const rendition = renditionExt(a.ext);
    if (rendition) {
      const r = rooms.folder.renditionPath(a.sha256, rendition);
      await ensureRendition(file, r, a.ext);
      out.set(id, { path: r, orientation: 1, sha256: a.sha256, facts: { kind: 'image', width: a.facts.width ?? 1, height: a.facts.height ?? 1 } });
      continue;
    }
    const f = await photoSourceFacts(file);
    out.set(id, { path: file, orientation: f.orientation ?? 1, sha256: a.sha256, facts: { kind: 'image', width: f.width ?? 1, height: f.height ?? 1 } });
  }
  return out;
}

function keyOf(parts: unknown[]): string {
  return createHash('sha256').update(JSON.stringify([IMAGE_RENDER_VERSION, ...parts])).digest('hex');
}

const exists = (p: string) => fs.stat(p).then((s) => s.isFile(), () => false);

/** Writes a cached PNG whole or not at all (a temp file renamed), so a reader never sees half of one. */
async function writeCached(dir: string, key: string, png: Buffer): Promise<void> {
  await fs.mkdir(dir, { recursive: true });
  const file = textLayerPath(dir, key);
  // Two requests for the same picture may write at once: each its own temp file, the last rename wins (same bytes).
  const tmp = `${file}.${randomUUID()}.tmp`;
  await fs.writeFile(tmp, png);
  await fs.rename(tmp, file);
}

/**
 * A page made ready to draw: its text layers rasterised, its plan, the sources it reads, and a key of everything
 * that makes its pixels (the plan holds the text PNGs' keys; the sources' SHA-256 stand for their bytes).
 */
export async function preparePage(rooms: Rooms, draft: ImageDraft, pageIndex: number): Promise<{ plan: ImagePlan; sources: Map<string, ImageSource>; key: string }> {
  const page = draft.pages[pageIndex];
  if (!page) throw new AppError('not_found', `The draft has ${draft.pages.length} page${draft.pages.length === 1 ? '' : 's'}; there is no page ${pageIndex + 1}.`);
  const canvas: Size = { width: draft.canvas.width, height: draft.canvas.height };
  const texts = new Map<string, TextLayerImage>();
  for (const t of textLayersToDraw(page)) {
    const r = await rasterizeText({ text: t.text, style: t.style, x: t.x, y: t.y, maxWidth: t.maxWidth }, canvas, rooms.folder.textCacheDir, rooms.textFonts);
    texts.set(t.id, { key: r.key, width: r.width, height: r.height, left: r.left, top: r.top });
  }
  const sources = await imageSources(rooms, assetsOfPage(draft, pageIndex));
  const plan = planImagePage(draft, pageIndex, { assets: new Map([...sources].map(([id, s]) => [id, s.facts])), texts });
  return { plan, sources, key: keyOf(['page', plan, [...sources].map(([id, s]) => [id, s.sha256])]) };
}

/** The page's pixels at canvas size, as the export draws them. */
export async function renderImagePage(rooms: Rooms, draft: ImageDraft, pageIndex: number): Promise<Raw> {
  const { plan, sources } = await preparePage(rooms, draft, pageIndex);
  return renderImagePlan(plan, { photos: sources, textPath: (k) => textLayerPath(rooms.folder.textCacheDir, k) });
}

/**
 * Exports every page of an image draft into `dir` (docs/image-render.md "Export"): one file, or a carousel as
 * numbered files, each stepped down in quality to `maxBytes` when given (`fits` says whether it got there).
 * The export job and `postframe render` call this; pages are drawn one at a time.
 */
export async function exportImageDraft(rooms: Rooms, draft: ImageDraft, opts: { dir: string; format: ImageFormat; maxBytes?: number; baseName?: string }): Promise<WrittenPage[]> {
  return writeImagePages(draft.pages.length, (i) => renderImagePage(rooms, draft, i), opts.dir, opts.baseName ?? draft.name, opts.format, { maxBytes: opts.maxBytes });
}

export function imagesApi(ctx: StudioContext): ApiPart<ImageCalls> {
  return {
    async 'images.photo'(input) {
      const { rooms } = ctx;
      const src = (await imageSources(rooms, [input.assetId])).get(input.assetId);
      if (!src) throw new AppError('not_found', 'That picture is no longer in the library. Choose another one.');
      if (src.facts.kind !== 'image') throw new AppError('invalid_input', `That asset is a ${src.facts.kind}; only pictures can be shown as photos. Choose a photo or logo.`);
      const edit: PhotoEdit = input.edit;
      const size = { width: input.width, height: input.height };
      // Drawn at the export's size, but never more pixels than the canvas can hold (a box 8× the canvas shows a part).
      const drawn = input.frame && input.frame.width * input.frame.height <= PHOTO_FRAME_MAX_PIXELS ? input.frame : size;
      const key = keyOf(['photo', src.sha256, edit, size, drawn]);
      const dir = rooms.folder.textCacheDir;
      if (!(await exists(textLayerPath(dir, key)))) {
        const raw = await editedPhoto(src, src.facts, edit, drawn, () => 'this photo');
        await writeCached(dir, key, await encodePng(raw, size));
      }
      return { key, ...size };
    },
    async 'images.export'(input, caller) {
      const draft = imageDraftOf(ctx.rooms, input.draftId);
      checkImageExport(input, draft);
      const pages = draft.pages.length;
      const job = ctx.rooms.runner.start('image-export', `Exporting ${draft.name} (${pages} ${pages === 1 ? 'page' : 'pages'})`, input);
      auditManualExport(ctx, caller, { kind: 'image', draftId: input.draftId, jobId: job.id, pages });
      return { jobId: job.id };
    },
    async 'images.exports'(input) {
      return listImageExports(ctx.rooms, { draftId: input.draftId, limit: input.limit });
    },
    async 'images.renderPage'(input) {
      const { rooms } = ctx;
      let draft: ImageDraft;
      if (input.doc) draft = input.doc;
      else {
        const rec = rooms.drafts.get(input.id!);
        if (!rec) throw draftNotFound();
        if (rec.doc.kind !== 'image') throw new AppError('invalid_input', 'That draft is a video; pages are drawn only for image posts. Open it in the video editor.');
        draft = rec.doc;
      }
      const { plan, sources, key: pageKey } = await preparePage(rooms, draft, input.page);
      // Never bigger than 4096 on a side: an enlarged check picture is no sharper, only heavier.
      const scale = Math.min(input.scale, 4096 / Math.max(plan.width, plan.height));
      const size = { width: Math.max(1, Math.round(plan.width * scale)), height: Math.max(1, Math.round(plan.height * scale)) };
      const key = keyOf(['scaled', pageKey, size]);
      const dir = rooms.folder.textCacheDir;
      if (!(await exists(textLayerPath(dir, key)))) {
        const raw = await renderImagePlan(plan, { photos: sources, textPath: (k) => textLayerPath(dir, k) });
        await writeCached(dir, key, await encodePng(raw, size));
      }
      return { key, ...size };
    },
  };
}
