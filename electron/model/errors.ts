/**
 * Errors that cross the API carry a stable code and a message that tells the user what to do.
 * Stack traces never leave the engine.
 */
export const errorCodes = [
  'invalid_input',
  'not_found',
  'conflict',
  'ffmpeg_missing',
  /** A program a feature needs besides ffmpeg is not installed (the speech aligner's pocketsphinx and its model). */
  'tool_missing',
  'library_unavailable',
  'unsupported_media',
  'cancelled',
  'unauthorized',
  /** Signed in, but this front door may not do that (browser mode naming a path outside the allowed folders). */
  'forbidden',
  /** Bigger than Postframe takes (an upload over the per-file limit). */
  'too_large',
  'internal',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Someone else's words (ffmpeg's last line, a system error) made a clause of our sentence: trimmed, without the
 * full stop, '!', ':' or ';' they ended with, so that "The export failed: ${clause(detail)}. Check…" reads
 * "…: Conversion failed. Check…", never "…: Conversion failed!. Check…". A '?' or ')' is left alone.
 */
export function clause(text: string): string {
  return text.trim().replace(/\s*[.!:;,…]+$/u, '');
}

/** For logs (never for users): an AppError's message, any other error's stack, so a bug can be found. */
export function describeError(e: unknown): string {
  if (e instanceof AppError) return e.message;
  if (e instanceof Error) return e.stack ?? e.message;
  return String(e);
}
