import { channelLimits, imagePreset } from './channels';
import { type ImageFormat, imageFormats } from './image-format';
import type { ImageExportInput } from './image-export-job';
import { type ChannelId, channelIds } from './post';

/**
 * What the image Export dialog offers and sends (pure, so the dialog only draws it): a channel preset sets the
 * pixel width and the file-size limit from the channel table (model/channels.ts), and narrows the formats to what
 * the channel takes; "no channel" is the canvas's own size, every format, no limit. A carousel for a channel with
 * document posts (LinkedIn) may go as one PDF, made of JPEG pages.
 */

export type ImageExportChoice = { channel: ChannelId | null; format: ImageFormat; pdf: boolean };

export type ImageExportSettings = {
  /** The formats offered for the channel (all of ours without one), in the export's order of preference. */
  formats: ImageFormat[];
  /** The chosen format, or the channel's first when it does not take the chosen one (a PDF: JPEG). */
  format: ImageFormat;
  /** One PDF is offered: a carousel (2+ pages) for a channel with document posts. */
  pdfOffered: boolean;
  pdf: boolean;
  /** Pixel size of every exported page. */
  width: number;
  height: number;
  /** Bytes each file may have; null: no limit. */
  maxBytes: number | null;
  /** The channel takes at most this many images per post and the draft has more (not for a PDF); else null. */
  tooManyPages: number | null;
  /** The canvas's shape is outside what the channel shows (it would be cropped or refused); else null. */
  aspectOutside: { min: number | null; max: number | null } | null;
  /** The call's input, less the draft id. */
  input: Omit<ImageExportInput, 'draftId'>;
};

/** Channels that take images (the dialog's presets), in the channel table's order. */
export const imageExportChannels: readonly ChannelId[] = channelIds.filter((c) => imagePreset(c) !== null);

export function imageExportSettings(canvas: { width: number; height: number }, pages: number, choice: ImageExportChoice): ImageExportSettings {
  const preset = choice.channel ? imagePreset(choice.channel) : null;
  const formats = preset ? preset.formats : [...imageFormats];
  const pdfOffered = pages > 1 && choice.channel !== null && channelLimits[choice.channel].document !== null;
  const pdf = pdfOffered && choice.pdf;
  const format: ImageFormat = pdf ? 'jpeg' : formats.includes(choice.format) ? choice.format : formats[0]!;
  const width = preset?.size ? preset.size.width : canvas.width;
  const height = Math.max(1, Math.round((canvas.height * width) / canvas.width));
  const maxBytes = preset?.maxBytes ?? null;
  const maxItems = preset?.maxItems ?? null;
  const tooManyPages = !pdf && maxItems !== null && pages > maxItems ? maxItems : null;
  const range = choice.channel ? channelLimits[choice.channel].image?.aspect : null;
  const aspect = canvas.width / canvas.height;
  // A hair of slack: 1080×1350 is exactly 4:5, and 4/5 in floating point must not read as outside it.
  const aspectOutside = range && ((range.min !== null && aspect < range.min - 1e-6) || (range.max !== null && aspect > range.max + 1e-6)) ? range : null;
  return {
    formats,
    format,
    pdfOffered,
    pdf,
    width,
    height,
    maxBytes,
    tooManyPages,
    aspectOutside,
    input: { format, channel: choice.channel, width: width === canvas.width ? null : width, maxBytes, pdf },
  };
}
