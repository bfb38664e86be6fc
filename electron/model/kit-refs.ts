import type { AssetKind } from './asset';
import type { BrandKitContent } from './brand-kit';
import { AppError } from './errors';

/** What the reference check needs to know of one asset: it is looked up by the caller inside its transaction. */
export type RefAsset = { id: string; name: string; kind: AssetKind; trashed: boolean };

const slots = [
  { get: (k: BrandKitContent) => k.logos.light, what: 'light logo', kind: 'image' },
  { get: (k: BrandKitContent) => k.logos.dark, what: 'dark logo', kind: 'image' },
  { get: (k: BrandKitContent) => k.intro, what: 'intro clip', kind: 'video' },
  { get: (k: BrandKitContent) => k.outro, what: 'outro clip', kind: 'video' },
] as const;

const kindWords: Record<AssetKind, string> = { image: 'an image', video: 'a video', audio: 'an audio file' };
const wanted: Record<'image' | 'video', string> = { image: 'an image (SVG or PNG, ideally with a transparent background)', video: 'a video clip' };

/**
 * Refuses content whose logos, intro/outro or fonts are not usable in this library, with what to do: a logo must be
 * an image and an intro/outro a video, each in the library and not in the Trash; every font must be in the library.
 * Pure: `asset` and `hasFont` are the caller's look-ups.
 */
export function checkKitReferences(content: BrandKitContent, asset: (id: string) => RefAsset | null, hasFont: (id: string) => boolean): void {
  for (const slot of slots) {
    const id = slot.get(content);
    if (id === null) continue;
    const a = asset(id);
    if (!a) throw new AppError('invalid_input', `The ${slot.what} chosen for this kit is no longer in the library. Pick another ${slot.what}.`);
    if (a.trashed) throw new AppError('invalid_input', `“${a.name}” (the ${slot.what}) is in the Trash. Restore it from the Trash first, or pick another ${slot.what}.`);
    if (a.kind !== slot.kind) throw new AppError('invalid_input', `“${a.name}” is ${kindWords[a.kind]}; the ${slot.what} must be ${wanted[slot.kind]}. Pick another file.`);
  }
  const missing = content.fontIds.filter((f) => !hasFont(f));
  if (missing.length) {
    const n = missing.length === 1 ? 'a font' : `${missing.length} fonts`;
    throw new AppError('invalid_input', `This kit lists ${n} that ${missing.length === 1 ? 'is' : 'are'} not in this library (${missing.map((m) => `${m.slice(0, 12)}…`).join(', ')}). Add the font files in Brand → Fonts first, or remove them from the kit.`);
  }
}
