import { z } from 'zod';
import { ColourLabel, Rating } from './organise';

export const assetKinds = ['video', 'image', 'audio'] as const;
export const AssetKind = z.enum(assetKinds);
export type AssetKind = z.infer<typeof AssetKind>;

/** What ffprobe (video/audio) or sharp (images) told us about a file. Display dimensions: rotation applied. */
export const MediaFacts = z.object({
  durationSec: z.number().nonnegative().nullable(),
  width: z.number().int().positive().nullable(),
  height: z.number().int().positive().nullable(),
  /** Clockwise rotation in degrees the player must apply (video display matrix / EXIF orientation). */
  rotation: z.number().int(),
  fps: z.number().positive().nullable(),
  videoCodec: z.string().nullable(),
  audioCodec: z.string().nullable(),
  hasAudio: z.boolean(),
  /** ISO-8601 capture time from container tags or EXIF, when the file carries one. */
  createdAt: z.string().nullable(),
  format: z.string().nullable(),
  /**
   * A video's transfer (model/video-colour.ts DynamicRange): HDR footage plays from a tone-mapped proxy. Absent:
   * not known yet (imported before it was read; the next proxy job reads it).
   */
  dynamicRange: z.enum(['sdr', 'hlg', 'pq']).optional(),
});
export type MediaFacts = z.infer<typeof MediaFacts>;

export const AssetSummary = z.object({
  id: z.string(),
  name: z.string(),
  kind: AssetKind,
  ext: z.string(),
  sizeBytes: z.number().int().nonnegative(),
  durationSec: z.number().nullable(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  importedAt: z.string(),
  trashedAt: z.string().nullable(),
  hasThumbnail: z.boolean(),
  /** A lower-resolution preview copy exists (model/proxy.ts); the editor preview plays it instead of the original. */
  hasProxy: z.boolean(),
  /** Stars 0–5 (0: not rated) and a colour label, a designer's quick marks (model/organise.ts). */
  rating: Rating,
  label: ColourLabel.nullable(),
  /**
   * How many times its proxy or poster was made again over an older one (absent: never). Media is served as
   * immutable; addresses of those files carry it, so the browser fetches the new file (renderer/src/api/media.ts).
   */
  mediaRev: z.number().int().positive().optional(),
});
export type AssetSummary = z.infer<typeof AssetSummary>;

export const Asset = AssetSummary.extend({
  sha256: z.string(),
  facts: MediaFacts,
  tags: z.array(z.string()),
  notes: z.string(),
  originalName: z.string(),
  hasWaveform: z.boolean(),
  /**
   * Last day the licence covers (YYYY-MM-DD; it ends at the end of that day, UTC: model/policy.ts
   * `licenceEndsAt`), or null when no end is known. The compliance policy blocks posts whose draft uses an
   * asset past this date.
   */
  licenceExpires: z.string().date().nullable(),
  /** Where the licence comes from (stock site, contract), for whoever renews it. */
  licenceNote: z.string(),
});
export type Asset = z.infer<typeof Asset>;

/** What the policy check needs to know of one asset a draft uses (model/policy.ts PolicyContext). */
export const AssetLicence = z.object({ assetId: z.string(), name: z.string(), expiresAt: z.string().nullable() });
export type AssetLicence = z.infer<typeof AssetLicence>;

export const assetSorts = ['imported', 'name', 'size', 'duration', 'created'] as const;
export const AssetSort = z.enum(assetSorts);
export type AssetSort = z.infer<typeof AssetSort>;

/** Tags are short, trimmed, lower-case labels so that "Beach" and "beach " are one tag. */
export function normalizeTag(raw: string): string {
  return raw.trim().replace(/\s+/g, ' ').toLowerCase();
}

export const TAG_MAX_LENGTH = 64;
export const Tag = z
  .string()
  .transform(normalizeTag)
  .pipe(z.string().min(1, 'A tag cannot be empty').max(TAG_MAX_LENGTH, `Keep tags under ${TAG_MAX_LENGTH} characters`));

/** Media variants the library can serve by URL. 'tile': the thumbnail at the grid's tile size (falls back to 'thumb'). */
export const mediaVariants = ['original', 'thumb', 'tile', 'poster', 'waveform', 'proxy', 'rendition', 'reversed', 'reversed-proxy'] as const;
export const MediaVariant = z.enum(mediaVariants);
export type MediaVariant = z.infer<typeof MediaVariant>;

/**
 * Images that are used through a rendition made at import (media/renditions.ts), never through their original:
 * SVG (a clean PNG, so nothing in the file can reach out) and HEIC/HEIF (which neither Chromium nor ffmpeg
 * decodes everywhere). Preview and export both use the rendition; the asset's width and height are its own.
 */
export function renditionExt(ext: string): 'png' | 'jpg' | null {
  const e = ext.toLowerCase();
  return e === 'svg' ? 'png' : e === 'heic' || e === 'heif' ? 'jpg' : null;
}
