/** An example path inside `folder` for a placeholder, with the host's own separator. */
export function examplePathIn(folder: string, name: string): string {
  const sep = folder.includes('\\') && !folder.includes('/') ? '\\' : '/';
  return `${folder.replace(/[\\/]+$/, '')}${sep}${name}`;
}
