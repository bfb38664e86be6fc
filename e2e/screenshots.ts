import path from 'node:path';

/**
 * Where specs put screenshots, only on request: POSTFRAME_SCREENSHOTS=1 → docs/screenshots (the README's and docs'
 * pictures, from the repository root), POSTFRAME_SCREENSHOTS=<folder> → that folder; unset, empty or 0 → null (none
 * taken). One rule for every spec: some read "1" as a folder named 1, others any value as docs/screenshots.
 */
export const SHOTS: string | null = shotsDir(process.env.POSTFRAME_SCREENSHOTS);

export function shotsDir(v: string | undefined): string | null {
  if (!v || v === '0') return null;
  return v === '1' ? path.join(process.cwd(), 'docs', 'screenshots') : path.resolve(v);
}
