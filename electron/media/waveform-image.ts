import { downsample } from './waveform';

export type WaveformImageOptions = { width: number; height: number; bars: number; background: string; color: string };

export const WAVEFORM_THUMB: WaveformImageOptions = { width: 480, height: 270, bars: 60, background: '#16181c', color: '#2fd2dc' };

/**
 * A waveform as SVG bars (mirrored around the middle), so an audio file gets a grid thumbnail that shows
 * its shape. Pure: sharp turns it into the WebP thumbnail.
 */
export function waveformSvg(peaks: readonly number[], o: WaveformImageOptions = WAVEFORM_THUMB): string {
  const values = peaks.length > o.bars ? downsample(peaks, Math.ceil(peaks.length / o.bars)) : [...peaks];
  // Quiet recordings still show their shape: scale to the loudest bar, within reason.
  const loudest = Math.max(0.05, ...values);
  const slot = o.width / Math.max(1, values.length);
  const barWidth = Math.max(1, slot * 0.6);
  const mid = o.height / 2;
  const maxHalf = o.height * 0.38;
  const rects = values.map((v, i) => {
    const half = Math.max(1, (Math.min(1, v / loudest) * maxHalf));
    const x = i * slot + (slot - barWidth) / 2;
    return `<rect x="${x.toFixed(1)}" y="${(mid - half).toFixed(1)}" width="${barWidth.toFixed(1)}" height="${(half * 2).toFixed(1)}" rx="${Math.min(barWidth / 2, 3).toFixed(1)}"/>`;
  });
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${o.width}" height="${o.height}" viewBox="0 0 ${o.width} ${o.height}">` +
    `<rect width="100%" height="100%" fill="${o.background}"/><g fill="${o.color}">${rects.join('')}</g></svg>`
  );
}
