/** A byte range resolved against a file size (inclusive end), as HTTP Range requests describe it. */
export type ByteRange = { start: number; end: number };

/**
 * Parses a single-range `Range: bytes=…` header. Returns null when there is no usable header (serve the
 * whole file), or 'unsatisfiable' when the range lies outside the file (answer 416).
 * Multi-range requests are served whole: players never send them.
 */
export function parseRange(header: string | null | undefined, size: number): ByteRange | null | 'unsatisfiable' {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m) return null;
  const [, a = '', b = ''] = m;
  if (a === '' && b === '') return null;
  if (size === 0) return 'unsatisfiable';
  if (a === '') {
    const suffix = Number(b);
    if (suffix === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(a);
  const end = b === '' ? size - 1 : Math.min(Number(b), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}
