/**
 * Where each app draws its own buttons and captions over a full-screen 9:16 video, as fractions of the frame
 * (left, top, width, height). Approximate, measured from each app's layout on a 1080×1920 frame (2025); they
 * move between app versions, so these are guides for keeping text clear, not exact masks. The editor draws them
 * over the preview (renderer …/preview/safeZones.ts) and caption styles keep burned-in captions out of them
 * (caption-style.ts `captionPlacement`): one table, so what the guide shows is what the captions avoid.
 */
export const safeZoneChannels = ['tiktok', 'reels', 'shorts'] as const;
export type SafeZoneChannel = (typeof safeZoneChannels)[number];

export type Zone = { x: number; y: number; w: number; h: number; label: 'buttons' | 'caption' | 'top' };

export const safeZones: Record<SafeZoneChannel, Zone[]> = {
  tiktok: [
    { x: 0, y: 0, w: 1, h: 0.07, label: 'top' },
    { x: 0.86, y: 0.38, w: 0.14, h: 0.45, label: 'buttons' },
    { x: 0, y: 0.8, w: 0.84, h: 0.13, label: 'caption' },
  ],
  reels: [
    { x: 0, y: 0, w: 1, h: 0.06, label: 'top' },
    { x: 0.87, y: 0.5, w: 0.13, h: 0.38, label: 'buttons' },
    { x: 0, y: 0.8, w: 0.85, h: 0.14, label: 'caption' },
  ],
  shorts: [
    { x: 0, y: 0, w: 1, h: 0.06, label: 'top' },
    { x: 0.85, y: 0.45, w: 0.15, h: 0.42, label: 'buttons' },
    { x: 0, y: 0.78, w: 0.83, h: 0.15, label: 'caption' },
  ],
};

/** Taller than wide on a canvas of this aspect (width / height): its label is written downwards to fit. */
export function isTallZone(z: Zone, canvasAspect: number): boolean {
  return z.h > z.w * canvasAspect;
}

/** The zones apply to full-screen vertical video: a canvas of 9:16 (within a hair). */
export function isVerticalFullScreen(canvas: { width: number; height: number }): boolean {
  return Math.abs(canvas.width / canvas.height - 9 / 16) < 0.01;
}
