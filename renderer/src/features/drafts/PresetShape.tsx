import { canvasPresets, type CanvasPreset } from '../../../../electron/model/draft';

/** The canvas's outline at a fixed height, so a list of drafts reads its shapes at a glance. */
export function PresetShape({ preset, size = 28 }: { preset: CanvasPreset; size?: number }) {
  const { width, height } = canvasPresets[preset];
  const scale = size / Math.max(width, height);
  return (
    <span className="preset-shape" style={{ width: size, height: size }} aria-hidden="true">
      <span className="preset-shape__frame" style={{ width: Math.round(width * scale), height: Math.round(height * scale) }} />
    </span>
  );
}
