import { z } from 'zod';
import { BrandMark, Crop, DRAFT_SCHEMA_VERSION, Fraction, HexColor, Id, TemplateMark, TextRole, TextStyle } from './draft-parts';

/**
 * Image drafts (docs/draft-format.md "Image drafts"): a canvas and one or more pages (a carousel), each a
 * background and layers bottom to top. Positions are fractions of the canvas like video drafts (centre of the
 * layer; widths of the canvas width, heights of the canvas height), so a design survives a change of size.
 * Rotation is in degrees, clockwise, about the layer's centre. The compositor (render/image-plan.ts) and the
 * editor's canvas draw the same document with the same geometry.
 */

export const imageCanvasPresets = {
  '4:5': { width: 1080, height: 1350, label: 'Portrait 4:5 (Instagram, Facebook feed)' },
  '1:1': { width: 1080, height: 1080, label: 'Square 1:1' },
  '9:16': { width: 1080, height: 1920, label: 'Story 9:16' },
  link: { width: 1200, height: 627, label: 'Link card 1.91:1 (LinkedIn, Facebook, X)' },
  '16:9': { width: 1600, height: 900, label: 'Landscape 16:9 (X, LinkedIn)' },
  banner: { width: 1584, height: 396, label: 'LinkedIn banner 4:1' },
} as const;
export const ImageCanvasPreset = z.enum(['4:5', '1:1', '9:16', 'link', '16:9', 'banner', 'custom']);
export type ImageCanvasPreset = z.infer<typeof ImageCanvasPreset>;

export const IMAGE_SIZE_MIN = 16;
export const IMAGE_SIZE_MAX = 4096;
export const ImageCanvas = z.object({
  preset: ImageCanvasPreset,
  width: z.number().int().min(IMAGE_SIZE_MIN).max(IMAGE_SIZE_MAX),
  height: z.number().int().min(IMAGE_SIZE_MIN).max(IMAGE_SIZE_MAX),
});
export type ImageCanvas = z.infer<typeof ImageCanvas>;

/** Pages in one draft: Instagram's carousel maximum (X takes 4; channel checks say which channel takes how many). */
export const IMAGE_PAGES_MAX = 20;
export const IMAGE_LAYERS_MAX = 64;

/** -1..1 around 0 (no change), except sharpen and vignette (0 = none, 1 = strongest). One module does the maths for preview and export (model/image-adjust.ts). */
export const Adjustments = z.object({
  exposure: z.number().min(-1).max(1),
  contrast: z.number().min(-1).max(1),
  saturation: z.number().min(-1).max(1),
  temperature: z.number().min(-1).max(1),
  vibrance: z.number().min(-1).max(1),
  sharpen: z.number().min(0).max(1),
  vignette: z.number().min(0).max(1),
});
export type Adjustments = z.infer<typeof Adjustments>;
export const noAdjustments: Adjustments = { exposure: 0, contrast: 0, saturation: 0, temperature: 0, vibrance: 0, sharpen: 0, vignette: 0 };

export const photoFilters = ['none', 'mono', 'sepia', 'warm', 'cool', 'fade', 'vivid', 'noir'] as const;
export const PhotoFilter = z.object({ name: z.enum(photoFilters), strength: z.number().min(0).max(1) });
export type PhotoFilter = z.infer<typeof PhotoFilter>;
export const noFilter: PhotoFilter = { name: 'none', strength: 1 };

/** Non-destructive photo work, applied in this order: crop (of the source), straighten, flip, adjustments, filter. */
export const PhotoEdit = z.object({
  crop: Crop.default({ left: 0, top: 0, right: 0, bottom: 0 }),
  /** Degrees; the picture turns inside its frame and is enlarged just enough that no corner shows. */
  straighten: z.number().min(-45).max(45).default(0),
  flipH: z.boolean().default(false),
  flipV: z.boolean().default(false),
  adjust: Adjustments.default(noAdjustments),
  filter: PhotoFilter.default(noFilter),
});
export type PhotoEdit = z.infer<typeof PhotoEdit>;

/** A layer's box: centre (fractions of the canvas), size (of the canvas width / height), rotation. */
export const LayerBox = z.object({
  x: Fraction,
  y: Fraction,
  w: z.number().min(0.001).max(8),
  h: z.number().min(0.001).max(8),
  rotation: z.number().min(-180).max(180),
});
export type LayerBox = z.infer<typeof LayerBox>;

const layerBase = {
  id: Id,
  /** Shown in the layer list; '' = named by its content. */
  name: z.string().max(80).default(''),
  hidden: z.boolean().default(false),
  /** The editor's lock: not selectable on the canvas until unlocked (anyone may unlock). Not the template lock. */
  locked: z.boolean().default(false),
  /** Layers with the same group id move, align and select together (one level of grouping). */
  groupId: Id.nullable().default(null),
  template: TemplateMark.nullable().default(null),
  opacity: z.number().min(0).max(1).default(1),
};

/** A photo or a logo (SVG/PNG) from the library, cover-filling its box after the edit's crop. */
export const ImageMediaLayer = z.object({
  ...layerBase,
  type: z.literal('media'),
  assetId: Id,
  box: LayerBox,
  edit: PhotoEdit.prefault({}),
  brand: BrandMark.nullable().default(null),
});
export type ImageMediaLayer = z.infer<typeof ImageMediaLayer>;

/** Text drawn by the same rasteriser and styles as video titles; `maxWidth` is the wrap width (fraction of the canvas width), the height follows the text. */
export const ImageTextLayer = z.object({
  ...layerBase,
  type: z.literal('text'),
  text: z.string().min(1).max(2000),
  style: TextStyle,
  styleRole: TextRole.nullable().default(null),
  x: Fraction,
  y: Fraction,
  maxWidth: z.number().min(0.05).max(1),
  rotation: z.number().min(-180).max(180).default(0),
});
export type ImageTextLayer = z.infer<typeof ImageTextLayer>;

export const shapeKinds = ['rect', 'roundRect', 'ellipse', 'line'] as const;
export const ShapeKind = z.enum(shapeKinds);
export type ShapeKind = z.infer<typeof ShapeKind>;
/** A vector shape. A line runs along the box's horizontal centre line (its length is `w`) and has only a stroke. */
export const ShapeLayer = z.object({
  ...layerBase,
  type: z.literal('shape'),
  shape: ShapeKind,
  box: LayerBox,
  fill: HexColor.nullable(),
  stroke: z.object({ color: HexColor, width: z.number().min(0.5).max(200) }).nullable(),
  /** roundRect: corner radius in canvas pixels. */
  radius: z.number().min(0).max(2000).default(0),
});
export type ShapeLayer = z.infer<typeof ShapeLayer>;

export const ImageLayer = z.discriminatedUnion('type', [ImageMediaLayer, ImageTextLayer, ShapeLayer]);
export type ImageLayer = z.infer<typeof ImageLayer>;

export const Background = z.discriminatedUnion('type', [
  z.object({ type: z.literal('colour'), color: HexColor }),
  /** Linear, `angle` in degrees clockwise from "to the right" (0 = left to right, 90 = top to bottom). */
  z.object({ type: z.literal('gradient'), from: HexColor, to: HexColor, angle: z.number().min(0).max(360) }),
  /** A library picture cover-filling the page (or the whole spread). */
  z.object({ type: z.literal('photo'), assetId: Id, edit: PhotoEdit.prefault({}) }),
]);
export type Background = z.infer<typeof Background>;

export const ImagePage = z.object({
  id: Id,
  background: Background,
  /** Bottom to top. */
  layers: z.array(ImageLayer).max(IMAGE_LAYERS_MAX),
});
export type ImagePage = z.infer<typeof ImagePage>;

export const ImageDraft = z
  .object({
    schemaVersion: z.literal(DRAFT_SCHEMA_VERSION),
    kind: z.literal('image'),
    name: z.string().min(1).max(200),
    canvas: ImageCanvas,
    kitId: Id.nullable().default(null),
    pages: z.array(ImagePage).min(1).max(IMAGE_PAGES_MAX),
    /**
     * A background laid across all pages side by side (a seamless carousel): page i shows the i-th slice of it,
     * and the pages' own backgrounds are not drawn. null = each page has its own.
     */
    spread: Background.nullable().default(null),
  })
  .superRefine((d, ctx) => {
    const ids = new Set<string>();
    d.pages.forEach((p, pi) => {
      for (const [li, id] of [p.id, ...p.layers.map((l) => l.id)].entries()) {
        if (ids.has(id)) ctx.addIssue({ code: 'custom', message: `The id “${id}” is used twice; every page and layer needs its own`, path: li === 0 ? ['pages', pi, 'id'] : ['pages', pi, 'layers', li - 1, 'id'] });
        ids.add(id);
      }
    });
  });
export type ImageDraft = z.infer<typeof ImageDraft>;

export function imageCanvasFor(preset: Exclude<ImageCanvasPreset, 'custom'>): ImageCanvas {
  const { width, height } = imageCanvasPresets[preset];
  return { preset, width, height };
}

export function newImageDraft(name: string, canvas: ImageCanvas = imageCanvasFor('4:5'), idFor: (prefix: string) => string, kitId: string | null = null): ImageDraft {
  return {
    schemaVersion: DRAFT_SCHEMA_VERSION,
    kind: 'image',
    name,
    canvas,
    kitId,
    pages: [{ id: idFor('page'), background: { type: 'colour', color: '#ffffff' }, layers: [] }],
    spread: null,
  };
}
