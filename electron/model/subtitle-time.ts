export type SubtitleFormat = 'srt' | 'vtt';

/**
 * Subtitle timestamps: SRT writes 00:01:02,500 and WebVTT 00:01:02.500, both to the millisecond. Times are
 * rounded to the millisecond here and nowhere else, so a written file reads back to the same numbers.
 */
export function toMs(sec: number): number {
  return Math.round(sec * 1000);
}

export function formatSubtitleTime(sec: number, format: SubtitleFormat): string {
  const total = Math.max(0, toMs(sec));
  const h = Math.floor(total / 3_600_000);
  const m = Math.floor(total / 60_000) % 60;
  const s = Math.floor(total / 1000) % 60;
  const milli = total % 1000;
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(h)}:${two(m)}:${two(s)}${format === 'srt' ? ',' : '.'}${String(milli).padStart(3, '0')}`;
}
