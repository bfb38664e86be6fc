import { describe, expect, it } from 'vitest';
import { TextClip, TextStyle } from './draft';
import { scaleTextStyle, textPreset, textPresetIds, textPresets } from './text-presets';

describe('text presets', () => {
  it('has one valid style and placement per id, ids unique', () => {
    expect(textPresets.map((p) => p.id)).toEqual([...textPresetIds]);
    for (const p of textPresets) {
      expect(TextStyle.safeParse(p.style).success, p.id).toBe(true);
      const clip = { id: 'c', type: 'text', start: 0, duration: 3, text: 'Hi', style: p.style, ...p.placement, fadeIn: 0, fadeOut: 0 };
      expect(TextClip.safeParse(clip).success, p.id).toBe(true);
    }
  });

  it('offers distinct looks: an outline, a solid box, a translucent box, another font', () => {
    expect(textPresets.some((p) => p.style.stroke && !p.style.box)).toBe(true);
    expect(textPresets.some((p) => p.style.box?.opacity === 1)).toBe(true);
    expect(textPresets.some((p) => p.style.box && p.style.box.opacity < 1)).toBe(true);
    expect(new Set(textPresets.map((p) => p.style.font)).size).toBeGreaterThan(1);
    expect(new Set(textPresets.map((p) => JSON.stringify(p.style))).size).toBe(textPresets.length);
  });

  it('looks presets up by id', () => {
    expect(textPreset('captionBox').style.box).not.toBeNull();
  });

  it('scales size, outline and box with the canvas width and stays within the schema', () => {
    const s = textPreset('captionBox').style;
    const wide = scaleTextStyle(s, 1920);
    expect(wide.size).toBe(Math.round(64 * (1920 / 1080)));
    expect(wide.box!.padding).toBe(Math.round(24 * (1920 / 1080)));
    expect(scaleTextStyle(s, 1080)).toEqual(s);
    const tiny = scaleTextStyle(textPreset('boldOutline').style, 16);
    const huge = scaleTextStyle(textPreset('neon').style, 4096);
    expect(tiny.size).toBe(8);
    expect(TextStyle.safeParse(tiny).success).toBe(true);
    expect(TextStyle.safeParse(huge).success).toBe(true);
    expect(huge.size).toBeLessThanOrEqual(400);
  });
});
