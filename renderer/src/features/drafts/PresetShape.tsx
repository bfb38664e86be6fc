import { canvasPresets, type CanvasPreset, imageCanvasPresets, type ImageCanvasPreset } from '../../../../electron/model/draft';

/** The canvas's outline at a fixed height, so a list of drafts reads its shapes at a glance. */
export function PresetShape({ preset, kind = 'video', size = 28 }: { preset: CanvasPreset | ImageCanvasPreset; kind?: 'video' | 'image'; size?: number }) {
  // Video and image presets share some names ('16:9' is 1920x1080 for video, 1600x900 for images); a custom size draws as a square.
  const table: Record<string, { width: number; height: number }> = kind === 'video' ? canvasPresets : imageCanvasPresets;
  const { width, height } = table[preset] ?? { width: 1, height: 1 };
  const scale = size / Math.max(width, height);
  return (
    <span className="preset-shape" style={{ width: size, height: size }} aria-hidden="true">
      <span className="preset-shape__frame" style={{ width: Math.round(width * scale), height: Math.round(height * scale) }} />
    </span>
  );
}
