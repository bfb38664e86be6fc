import { z } from 'zod';
import { CanvasPreset, Draft, Fps, ImageCanvasPreset } from './draft';
import { DraftChange } from './draft-changes';

export const DraftKind = z.enum(['video', 'image']);

export const DraftSummary = z.object({
  id: z.string(),
  name: z.string(),
  kind: DraftKind,
  /** The canvas preset: a video one for video drafts, an image one for image drafts. */
  preset: z.union([CanvasPreset, ImageCanvasPreset]),
  durationSec: z.number().nonnegative(),
  revision: z.number().int().nonnegative(),
  createdAt: z.string(),
  updatedAt: z.string(),
  trashedAt: z.string().nullable(),
});
export type DraftSummary = z.infer<typeof DraftSummary>;

/** A stored draft: the document plus its bookkeeping. `revision` goes up by one with every save. */
export const DraftRecord = z.object({
  id: z.string(),
  revision: z.number().int().nonnegative(),
  createdAt: z.string(),
  updatedAt: z.string(),
  trashedAt: z.string().nullable(),
  doc: Draft,
});
export type DraftRecord = z.infer<typeof DraftRecord>;

export const DraftRevision = z.object({
  revision: z.number().int(),
  savedAt: z.string(),
  name: z.string(),
  durationSec: z.number(),
  /** What changed against the kept version before it (draft-changes.ts); null/absent when none is kept before it. */
  changes: z.array(DraftChange).nullable().optional(),
  /** The revision this one restored (drafts.restoreRevision); null for an ordinary save and for revisions from before schema 20. */
  restoredFrom: z.number().int().positive().nullable(),
});
export type DraftRevision = z.infer<typeof DraftRevision>;

export const exportQualities = { high: 18, standard: 20, small: 24 } as const;
export const ExportPreset = z.object({
  /** Output height in pixels (width follows the canvas aspect), or the canvas's own size. */
  height: z.union([z.literal('canvas'), z.literal(1920), z.literal(1080), z.literal(720)]).default('canvas'),
  fps: z.union([z.literal('canvas'), Fps]).default('canvas'),
  /** x264 CRF: high 18, standard 20, small 24. */
  quality: z.enum(['high', 'standard', 'small']).default('standard'),
});
export type ExportPreset = z.output<typeof ExportPreset>;

/** A text layer rasterised once (SVG → PNG by sharp) and placed in canvas pixels; preview and export use the same PNG. */
export const TextLayerImage = z.object({ key: z.string(), width: z.number().int(), height: z.number().int(), left: z.number().int(), top: z.number().int() });
export type TextLayerImage = z.infer<typeof TextLayerImage>;
