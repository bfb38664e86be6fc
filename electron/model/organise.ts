import { z } from 'zod';
import { PostState } from './post';

/**
 * Star ratings and colour labels (Eagle, Lightroom): a designer's quick marks on assets. Ratings 0–5, where 0 means
 * "not rated"; one colour label per asset from a small fixed set (the same seven Eagle and Finder offer), or none.
 */
export const RATING_MAX = 5;
export const Rating = z.number().int().min(0).max(RATING_MAX);
export type Rating = z.infer<typeof Rating>;

export const colourLabels = ['red', 'orange', 'yellow', 'green', 'blue', 'purple', 'grey'] as const;
export const ColourLabel = z.enum(colourLabels);
export type ColourLabel = z.infer<typeof ColourLabel>;

/** A label filter or rule may ask for assets without a label. */
export const LabelChoice = z.enum([...colourLabels, 'none']);
export type LabelChoice = z.infer<typeof LabelChoice>;

/** The swatch each label is drawn with (also in the grid and the sidebar); picked to read on dark and light themes. */
export const labelColours: Record<ColourLabel, string> = {
  red: '#e5484d',
  orange: '#f76b15',
  yellow: '#f5d90a',
  green: '#30a46c',
  blue: '#3e8ef7',
  purple: '#8e4ec6',
  grey: '#8b8d98',
};

/**
 * Lightroom's keys: 0–5 rate, 6 red, 7 yellow, 8 green, 9 blue. Pressing a label's key on a selection that all
 * carries it already clears it, so the same key undoes a slip.
 */
export const labelKeys: Readonly<Record<string, ColourLabel>> = { '6': 'red', '7': 'yellow', '8': 'green', '9': 'blue' };

/** Before a bulk change: which assets had which value, so Undo can put each back. */
export type PreviousValues<T> = { value: T; ids: string[] }[];

export function groupPrevious<T>(rows: { id: string; value: T }[]): PreviousValues<T> {
  const by = new Map<T, string[]>();
  for (const r of rows) {
    const ids = by.get(r.value);
    if (ids) ids.push(r.id);
    else by.set(r.value, [r.id]);
  }
  return Array.from(by, ([value, ids]) => ({ value, ids }));
}

export const COLLECTION_NAME_MAX = 80;
export const CollectionName = z.string().trim().min(1, 'Give the collection a name').max(COLLECTION_NAME_MAX, `Keep the name under ${COLLECTION_NAME_MAX} characters`);

/** A manual collection: assets a person put there; an asset can be in many. */
export const Collection = z.object({
  id: z.string(),
  name: z.string(),
  /** Live (not trashed) assets in it. */
  count: z.number().int().nonnegative(),
  createdAt: z.string(),
});
export type Collection = z.infer<typeof Collection>;

/**
 * Where an asset is used: drafts whose current document places it (trashed ones last, flagged), the posts that carry
 * those drafts, the brand kits that hold it (logos, intro/outro clips) and the collections it is in.
 */
export const WhereUsed = z.object({
  drafts: z.array(z.object({ id: z.string(), name: z.string(), trashed: z.boolean() })),
  posts: z.array(z.object({ id: z.string(), title: z.string(), state: PostState, draftId: z.string(), scheduledAt: z.string().nullable() })),
  kits: z.array(z.object({ id: z.string(), name: z.string() })),
  collections: z.array(z.object({ id: z.string(), name: z.string() })),
});
export type WhereUsed = z.infer<typeof WhereUsed>;
