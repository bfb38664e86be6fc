/**
 * Size maths of a held video picture (heldFrame.ts): the copy is made at the size the preview draws the video,
 * never above the video's own, and is remade at a new size only when the drawn size moved a lot (a resize of the
 * window or a scale keyframe should not convert every frame at a slightly different size).
 */
export type PixelSize = { width: number; height: number };

/**
 * The copy's size for a video of `video` pixels drawn at `scale` copy pixels per video pixel (clamped to (0, 1]:
 * at least one pixel on the long side, never larger than the video). `current` is the copy's size now (null
 * before the first): kept while the wanted width is within 50–110 % of it.
 */
export function heldSize(video: PixelSize, scale: number, current: PixelSize | null): PixelSize {
  const long = Math.max(video.width, video.height, 1);
  const k = Math.min(1, Math.max(Number.isFinite(scale) ? scale : 1, 1 / long));
  const width = Math.max(1, Math.ceil(video.width * k));
  const height = Math.max(1, Math.ceil(video.height * k));
  if (current && width <= current.width * 1.1 && width >= current.width * 0.5 && sameShape(current, { width, height })) return current;
  return { width, height };
}

/** Same aspect but for rounding (a proxy replacing its original keeps the shape; another video does not). */
function sameShape(a: PixelSize, b: PixelSize): boolean {
  return Math.abs(a.height - (a.width * b.height) / b.width) <= 1 + a.height * 0.01;
}
