/**
 * The per-file upload limit of browser mode (`postframe serve --max-upload-mb N`). Sizes are decimal here as in
 * the renderer (1 MB = 1,000,000 bytes), the convention of phones, cameras and Finder.
 *
 * Default 5 GB: a phone's 4K video runs at about 50 Mbit/s (4K30, HEVC or H.264; 4K60 up to ~100 Mbit/s), so
 * 5 GB holds about 13 minutes of 4K30, more than any short-form post; and it is above the 4.29 GB (FAT32) at
 * which many cameras split their recordings, so such a piece is never refused.
 */
export const MB = 1_000_000;
export const DEFAULT_MAX_UPLOAD_MB = 5_000;
export const DEFAULT_MAX_UPLOAD_BYTES = DEFAULT_MAX_UPLOAD_MB * MB;
/** The flag's bounds: 1 MB to 1 TB. */
export const MAX_UPLOAD_MB_RANGE = { min: 1, max: 1_000_000 } as const;

/** "64 KB", "6.2 GB": decimal units, at most one decimal. */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let v = bytes;
  let u = 0;
  while (v >= 1000 && u < units.length - 1) {
    v /= 1000;
    u++;
  }
  const shown = u === 0 || v >= 100 ? String(Math.round(v)) : v.toFixed(1).replace(/\.0$/, '');
  return `${shown} ${units[u]}`;
}

/** What the person uploading reads when a file is over the limit (`size` null: a body without a length). */
export function uploadTooLargeMessage(name: string, limitBytes: number, size: number | null): string {
  const what = size === null ? `${name} is larger than` : `${name} is ${formatBytes(size)}, larger than`;
  return `${what} the ${formatBytes(limitBytes)} Postframe accepts for one file. Trim or compress it first, or ask whoever started Postframe to raise the limit (postframe serve --max-upload-mb N).`;
}
