/**
 * Pure display formatting for sizes, times and dates. No React, no store: unit-tested in format.test.ts.
 * Sizes use decimal units (1 KB = 1000 B), the convention of macOS Finder and of camera/phone storage labels.
 */

const BYTE_UNITS = ['B', 'KB', 'MB', 'GB', 'TB'] as const;

export function formatBytes(bytes: number, locale = 'en'): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  if (bytes < 1000) return `${Math.round(bytes)} B`;
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < BYTE_UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  // Round first, then re-check the unit so 999.96 KB becomes "1 MB", not "1000 KB".
  let digits = value < 10 ? 2 : value < 100 ? 1 : 0;
  let rounded = Number(value.toFixed(digits));
  if (rounded >= 1000 && unit < BYTE_UNITS.length - 1) {
    rounded = Number((rounded / 1000).toFixed(2));
    unit += 1;
    digits = 2;
  }
  const text = new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(rounded);
  return `${text} ${BYTE_UNITS[unit]}`;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Precise duration for the facts list: `mm:ss.s`, with hours when needed (`h:mm:ss.s`). */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '—';
  const tenths = Math.round(seconds * 10);
  const h = Math.floor(tenths / 36000);
  const m = Math.floor((tenths % 36000) / 600);
  const s = Math.floor((tenths % 600) / 10);
  const t = tenths % 10;
  const core = `${pad2(m)}:${pad2(s)}.${t}`;
  return h > 0 ? `${h}:${core}` : core;
}

/** Compact clock for thumbnails and players: `0:03`, `12:40`, `1:02:03`. */
export function formatClock(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '—';
  const total = Math.round(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return h > 0 ? `${h}:${pad2(m)}:${pad2(s)}` : `${m}:${pad2(s)}`;
}

/** Frame rate without noise: 30 → "30", 29.97002997 → "29.97". */
export function formatFps(fps: number): string {
  if (!Number.isFinite(fps) || fps <= 0) return '—';
  return String(Number(fps.toFixed(2)));
}

/** Pixel sizes as people write them: 1080×1920 (no thousands separators, no spaces); the engine's messages use the same. */
export { formatDimensions } from '../../../electron/model/geometry';

/** Local date and time; the raw text when it is not a date (never "Invalid Date"). */
export function formatDateTime(iso: string, locale = 'en'): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

/**
 * When something happened, short: the time alone on the day it is (`now`), else the date and time. Two exports of
 * one draft in the Jobs drawer are told apart by it, in the room a row has (walk #74).
 */
export function formatWhen(iso: string, now: Date, locale = 'en'): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  if (d.toDateString() !== now.toDateString()) return formatDateTime(iso, locale);
  return new Intl.DateTimeFormat(locale, { timeStyle: 'short' }).format(d);
}

/** A calendar date (YYYY-MM-DD) as the locale writes it, without shifting it by the viewer's zone; the raw text when it is not one. */
export function formatDate(date: string, locale = 'en'): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return date;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))));
}
