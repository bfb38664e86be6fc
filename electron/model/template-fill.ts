import { z } from 'zod';
import { type Draft, Id, type ImageDraft, type VideoDraft } from './draft';
import { DraftSummary } from './draft-record';
import { AppError } from './errors';
import type { SourceFacts } from './timeline';

/**
 * "New from template" (docs/templates.md): what a template asks to be replaced, and a template's document with
 * those placeholders filled. Pure: the caller says what each asset is. Marks stay (locked elements stay locked in
 * the new draft; a filled placeholder keeps its mark, so it can be replaced again).
 */

export const placeholderKinds = ['photo', 'text', 'clip', 'audio'] as const;
export type PlaceholderKind = (typeof placeholderKinds)[number];
export const Placeholder = z.object({
  id: Id,
  kind: z.enum(placeholderKinds),
  /** "page 2" or the track's name. */
  where: z.string(),
  /** What it holds now: the text, or the asset id. */
  current: z.string(),
});
export type Placeholder = z.infer<typeof Placeholder>;

/** A fill: a library asset for a photo, clip or audio placeholder, or text for a text placeholder. */
export const TemplateFill = z.union([z.object({ assetId: Id }).strict(), z.object({ text: z.string().trim().min(1, 'Type the text for the placeholder').max(2000) }).strict()]);
export type TemplateFill = z.infer<typeof TemplateFill>;
export const TemplateFills = z.record(Id, TemplateFill).refine((r) => Object.keys(r).length <= 200, 'At most 200 fills');
export type TemplateFills = z.infer<typeof TemplateFills>;

/** The placeholders of a template, in document order. */
export function placeholdersOf(doc: Draft): Placeholder[] {
  const out: Placeholder[] = [];
  if (doc.kind === 'image') {
    doc.pages.forEach((p, i) => {
      for (const l of p.layers) {
        if (l.template !== 'placeholder') continue;
        if (l.type === 'text') out.push({ id: l.id, kind: 'text', where: `page ${i + 1}`, current: l.text });
        else if (l.type === 'media') out.push({ id: l.id, kind: 'photo', where: `page ${i + 1}`, current: l.assetId });
      }
    });
    return out;
  }
  for (const t of doc.tracks) {
    for (const c of t.clips) {
      if (c.template !== 'placeholder') continue;
      const where = t.name || t.kind;
      if (c.type === 'text') out.push({ id: c.id, kind: 'text', where, current: c.text });
      else out.push({ id: c.id, kind: t.kind === 'audio' ? 'audio' : 'clip', where, current: c.assetId });
    }
  }
  return out;
}

/** What a fill's asset is (a live library asset), or null when the library has no such asset. */
export type AssetFacts = (assetId: string) => (SourceFacts & { name: string }) | null;

const kindWords: Record<PlaceholderKind, string> = { photo: 'a photo or logo', text: 'text', clip: 'a video or photo', audio: 'an audio file' };
const takes: Record<PlaceholderKind, readonly SourceFacts['kind'][]> = { photo: ['image'], text: [], clip: ['video', 'image'], audio: ['audio'] };

/** Checks one fill against its placeholder; the message says what the placeholder takes. */
function checkFill(p: Placeholder, fill: TemplateFill, facts: AssetFacts): SourceFacts | null {
  if ('text' in fill) {
    if (p.kind !== 'text') throw new AppError('invalid_input', `The placeholder “${p.id}” on ${p.where} takes ${kindWords[p.kind]}, not text. Choose an asset for it.`);
    return null;
  }
  if (p.kind === 'text') throw new AppError('invalid_input', `The placeholder “${p.id}” on ${p.where} takes text, not an asset. Type the text for it.`);
  const a = facts(fill.assetId);
  if (!a) throw new AppError('not_found', `The asset chosen for the placeholder “${p.id}” is not in this library (or is in the Trash). Choose another one.`);
  if (!takes[p.kind].includes(a.kind)) throw new AppError('invalid_input', `“${a.name}” is ${a.kind === 'audio' ? 'an audio file' : `a ${a.kind === 'image' ? 'photo' : 'video'}`}; the placeholder “${p.id}” on ${p.where} takes ${kindWords[p.kind]}.`);
  return a;
}

/**
 * The template's document with `fills` in its placeholders. Refuses a fill for an element that is no placeholder
 * and a fill of the wrong type, naming it. A photo layer keeps its box and look (adjustments, filter) and drops
 * the crop and straightening made for the old picture. A clip keeps its length on the timeline when the new
 * source is long enough, else it is as long as the source (the caller packs the main track again).
 */
export function fillTemplate(doc: Draft, fills: TemplateFills, facts: AssetFacts): Draft {
  const byId = new Map(placeholdersOf(doc).map((p) => [p.id, p]));
  const checked = new Map<string, { fill: TemplateFill; asset: SourceFacts | null }>();
  for (const [id, fill] of Object.entries(fills)) {
    const p = byId.get(id);
    if (!p) {
      const names = [...byId.keys()].map((k) => `“${k}”`).join(', ');
      throw new AppError('invalid_input', `“${id}” is not a placeholder of this template. ${names ? `Its placeholders are ${names}.` : 'It has no placeholders.'}`);
    }
    checked.set(id, { fill, asset: checkFill(p, fill, facts) });
  }
  if (doc.kind === 'image') return fillImage(doc, checked);
  return fillVideo(doc, checked);
}

type Checked = Map<string, { fill: TemplateFill; asset: SourceFacts | null }>;

function fillImage(doc: ImageDraft, fills: Checked): ImageDraft {
  return {
    ...doc,
    pages: doc.pages.map((p) => ({
      ...p,
      layers: p.layers.map((l) => {
        const f = fills.get(l.id)?.fill;
        if (!f) return l;
        if ('text' in f) return l.type === 'text' ? { ...l, text: f.text } : l;
        return l.type === 'media' ? { ...l, assetId: f.assetId, edit: { ...l.edit, crop: { left: 0, top: 0, right: 0, bottom: 0 }, straighten: 0 } } : l;
      }),
    })),
  };
}

function fillVideo(doc: VideoDraft, fills: Checked): VideoDraft {
  const fps = doc.canvas.fps;
  return {
    ...doc,
    tracks: doc.tracks.map((t) => ({
      ...t,
      clips: t.clips.map((c) => {
        const entry = fills.get(c.id);
        if (!entry) return c;
        const { fill, asset } = entry;
        if ('text' in fill) return c.type === 'text' ? { ...c, text: fill.text } : c;
        if (c.type !== 'media' || !asset) return c;
        const source = c.out - c.in;
        // Whole frames of the source, at least one.
        const available = asset.durationSec === null ? source : Math.max(1 / fps, Math.floor(asset.durationSec * fps) / fps);
        return { ...c, assetId: fill.assetId, in: 0, out: Math.min(source, available), transform: { ...c.transform, crop: { left: 0, top: 0, right: 0, bottom: 0 } } };
      }),
    })),
  };
}

/** A template in the list: its draft summary, who saved it (null: a shipped starter), which starter, what it asks for. */
export const TemplateSummary = DraftSummary.extend({
  author: z.string().nullable(),
  starter: z.string().nullable(),
  placeholders: z.array(Placeholder),
});
export type TemplateSummary = z.infer<typeof TemplateSummary>;
