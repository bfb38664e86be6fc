/**
 * Which names a `.postframe-kit` (a zip) may hold (docs/kit-format.md "Safety"). Pure, so the rules are tested on
 * their own and a fuzz test can throw any string at them. A name is a relative path with '/' separators; anything
 * that could leave the folder it is extracted into, or mean different files on different systems, is refused.
 */

export const ZIP_NAME_MAX = 255;

/** Why `name` is not a safe entry name, or null when it is. */
export function unsafeEntryName(name: string): string | null {
  if (name.length === 0) return 'an entry has no name';
  if (name.length > ZIP_NAME_MAX) return `an entry name is longer than ${ZIP_NAME_MAX} characters`;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is being refused
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'an entry name holds control characters';
  if (name.includes('\\')) return `“${name}” uses backslashes`;
  if (name.startsWith('/')) return `“${name}” is an absolute path`;
  if (/^[a-zA-Z]:/.test(name)) return `“${name}” names a drive`;
  const parts = name.split('/');
  if (parts.some((p) => p === '..')) return `“${name}” climbs out of its folder (..)`;
  if (parts.some((p) => p === '' || p === '.')) return `“${name}” has an empty or “.” path segment`;
  // Windows refuses these characters in names and trims trailing dots and spaces: two names could become one.
  if (parts.some((p) => /[<>:"|?*]/.test(p) || /[. ]$/.test(p))) return `“${name}” is not a valid file name on every system`;
  return null;
}

/**
 * The key two names collide under on a case-insensitive, normalising file system (macOS, Windows): "Logo.png" and
 * "logo.png", or "é" composed and decomposed, are one file there, so a kit holding both is refused.
 */
export function entryNameKey(name: string): string {
  return name.normalize('NFC').toLowerCase();
}
