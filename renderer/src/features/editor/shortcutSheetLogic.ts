import type { MessageKey } from '../../i18n';

/**
 * The shortcut sheet's pure part: rows in named groups (in the order the list gives them) and the search box's
 * filter. A row matches when every word typed appears in its description, its keys or its group's name.
 */

export type ShortcutRow = { keys: string[]; action: MessageKey; group?: MessageKey };
export type ShortcutGroup = { title: MessageKey | null; rows: ShortcutRow[] };

export function groupShortcuts(list: readonly ShortcutRow[], query: string, textOf: (key: MessageKey) => string): ShortcutGroup[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const groups: ShortcutGroup[] = [];
  for (const row of list) {
    const hay = [textOf(row.action), ...row.keys, row.group ? textOf(row.group) : ''].join(' ').toLowerCase();
    if (!words.every((w) => hay.includes(w))) continue;
    const title = row.group ?? null;
    const g = groups.find((x) => x.title === title);
    if (g) g.rows.push(row);
    else groups.push({ title, rows: [row] });
  }
  return groups;
}

/**
 * A key cap's text cut where it holds arrow glyphs (↑ ↓ ← →), so they can be drawn larger than the letters around
 * them: at the caps' small monospace size an arrow's head is a few pixels (walk finding #53). Runs of arrows and
 * the spaces between them ("↑ ↓ ← →") stay one part.
 */
export function keyCapParts(text: string): { text: string; arrow: boolean }[] {
  return (text.match(/[↑↓←→](?:\s*[↑↓←→])*|[^↑↓←→]+/gu) ?? []).map((part) => ({ text: part, arrow: /[↑↓←→]/u.test(part[0]!) }));
}
