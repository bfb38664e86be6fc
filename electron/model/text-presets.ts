import type { TextClip, TextStyle } from './draft';

/**
 * Ready text styles for the editor's inspector. Sizes are pixels on a 1080-wide canvas (the 9:16, 1:1 and
 * 4:5 presets); `scaleTextStyle` adapts them to another canvas width. Positions are where creators usually
 * put such text, clear of the TikTok/Reels/Shorts overlay zones on a vertical canvas (../shared/CHANNELS.md).
 * Labels go through i18n in the renderer (`textPreset.<id>`); here they are stable ids.
 */
export type TextPreset = {
  id: TextPresetId;
  style: TextStyle;
  /** Where the block goes and how wide it may wrap, as fractions of the canvas. */
  placement: Pick<TextClip, 'x' | 'y' | 'maxWidth'>;
};

export const textPresetIds = ['boldOutline', 'captionBox', 'neon', 'lowerThird', 'subtitle', 'typewriter'] as const;
export type TextPresetId = (typeof textPresetIds)[number];

/** The width the preset sizes are designed for. */
export const PRESET_CANVAS_WIDTH = 1080;

export const textPresets: readonly TextPreset[] = [
  {
    // The classic short-form title: heavy white letters with a black outline, readable on any footage.
    id: 'boldOutline',
    style: { font: 'DejaVu Sans', size: 96, color: '#ffffff', bold: true, italic: false, align: 'center', stroke: { color: '#000000', width: 8 }, box: null },
    placement: { x: 0.5, y: 0.3, maxWidth: 0.85 },
  },
  {
    // TikTok-style caption: dark text on a solid white rounded box.
    id: 'captionBox',
    style: { font: 'Liberation Sans', size: 64, color: '#111111', bold: true, italic: false, align: 'center', stroke: null, box: { color: '#ffffff', opacity: 1, padding: 24, radius: 18 } },
    placement: { x: 0.5, y: 0.62, maxWidth: 0.8 },
  },
  {
    // Neon sign: saturated fill with a bright outline of the same hue.
    id: 'neon',
    style: { font: 'DejaVu Sans', size: 110, color: '#fff0ff', bold: true, italic: false, align: 'center', stroke: { color: '#ff2bd6', width: 7 }, box: null },
    placement: { x: 0.5, y: 0.4, maxWidth: 0.9 },
  },
  {
    // Name or place on a translucent dark strip, left-aligned, above the caption/UI zone.
    id: 'lowerThird',
    style: { font: 'Liberation Sans', size: 56, color: '#ffffff', bold: true, italic: false, align: 'left', stroke: null, box: { color: '#000000', opacity: 0.65, padding: 22, radius: 8 } },
    placement: { x: 0.4, y: 0.72, maxWidth: 0.7 },
  },
  {
    // Spoken-word subtitles: plain white on a soft translucent box, low but above the app's captions.
    id: 'subtitle',
    style: { font: 'DejaVu Sans', size: 52, color: '#ffffff', bold: false, italic: false, align: 'center', stroke: null, box: { color: '#000000', opacity: 0.5, padding: 14, radius: 10 } },
    placement: { x: 0.5, y: 0.68, maxWidth: 0.8 },
  },
  {
    // Quiet, editorial: a serif in warm yellow with a thin outline.
    id: 'typewriter',
    style: { font: 'Liberation Serif', size: 72, color: '#ffe27a', bold: false, italic: true, align: 'center', stroke: { color: '#1a1a1a', width: 3 }, box: null },
    placement: { x: 0.5, y: 0.5, maxWidth: 0.85 },
  },
];

export function textPreset(id: TextPresetId): TextPreset {
  const p = textPresets.find((t) => t.id === id);
  if (!p) throw new Error(`Unknown text preset ${id}`);
  return p;
}

/**
 * A preset's style for a canvas `width` pixels wide: size, outline and box scale with the canvas so the text
 * takes the same share of it (a 16:9 canvas is 1920 wide). Results stay inside TextStyle's limits.
 */
export function scaleTextStyle(style: TextStyle, width: number): TextStyle {
  const k = width / PRESET_CANVAS_WIDTH;
  const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, Math.round(v)));
  return {
    ...style,
    size: clamp(style.size * k, 8, 400),
    stroke: style.stroke && { ...style.stroke, width: clamp(style.stroke.width * k, 0, 40) },
    box: style.box && { ...style.box, padding: clamp(style.box.padding * k, 0, 200), radius: clamp(style.box.radius * k, 0, 200) },
  };
}
