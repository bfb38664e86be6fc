import type { MessageKey } from '../../i18n';
import type { Reorder } from '../../../../electron/model/image-edit';

/**
 * The image editor's keyboard map as a pure function (useImageEditorKeys.ts runs what it returns), and the
 * shortcut sheet's rows drawn from the same commands, so the sheet cannot miss a key the editor has.
 */
export type ImageKeyCommand =
  | { kind: 'undo' }
  | { kind: 'redo' }
  | { kind: 'duplicate' }
  | { kind: 'group' }
  | { kind: 'ungroup' }
  | { kind: 'selectAll' }
  | { kind: 'order'; how: Reorder }
  | { kind: 'nudge'; dx: number; dy: number }
  | { kind: 'delete' }
  | { kind: 'editText' }
  | { kind: 'crop' }
  | { kind: 'cropApply' }
  | { kind: 'cropCancel' }
  | { kind: 'clearSelection' }
  | { kind: 'shortcuts' }
  | { kind: 'export' };

export type KeyInput = { key: string; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean };
export type KeyContext = { selection: number; single: 'text' | 'photo' | 'other' | null; cropping: boolean };

const ARROWS: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };

/** What a key press does in the image editor, or null (the key is left to the page). */
export function imageKeyCommand(e: KeyInput, ctx: KeyContext): ImageKeyCommand | null {
  const mod = e.ctrlKey || e.metaKey;
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  if (key === '?' && !mod && !e.altKey) return { kind: 'shortcuts' };
  // While cropping only Enter and Esc mean something: the crop is not in the document yet.
  if (ctx.cropping) return key === 'Enter' ? { kind: 'cropApply' } : key === 'Escape' ? { kind: 'cropCancel' } : null;
  if (mod && !e.altKey) {
    if (key === 'z') return { kind: e.shiftKey ? 'redo' : 'undo' };
    if (key === 'y') return { kind: 'redo' };
    if (key === 'd') return { kind: 'duplicate' };
    if (key === 'g') return { kind: e.shiftKey ? 'ungroup' : 'group' };
    if (key === 'a') return { kind: 'selectAll' };
    if (key === 'e') return { kind: 'export' };
    // Shift+] reaches some layouts as '}' (and Shift+[ as '{').
    if (key === ']' || key === '}') return { kind: 'order', how: e.shiftKey || key === '}' ? 'front' : 'forward' };
    if (key === '[' || key === '{') return { kind: 'order', how: e.shiftKey || key === '{' ? 'back' : 'backward' };
    return null;
  }
  if (mod || e.altKey) return null;
  const arrow = ARROWS[key];
  if (arrow && ctx.selection > 0) {
    const step = e.shiftKey ? 10 : 1;
    return { kind: 'nudge', dx: arrow[0] * step, dy: arrow[1] * step };
  }
  if ((key === 'Delete' || key === 'Backspace') && ctx.selection > 0) return { kind: 'delete' };
  if (key === 'Enter' && ctx.single === 'text') return { kind: 'editText' };
  if (key === 'Enter' && ctx.single === 'photo') return { kind: 'crop' };
  if (key === 'Escape' && ctx.selection > 0) return { kind: 'clearSelection' };
  return null;
}

/** The shortcut sheet's rows ({mod}: Ctrl or ⌘). `does` names the commands a row stands for. */
export const imageShortcuts: { keys: string[]; action: MessageKey; does: ImageKeyCommand['kind'][] }[] = [
  { keys: ['←', '→', '↑', '↓'], action: 'imageKeys.nudge', does: ['nudge'] },
  { keys: ['Shift+←', 'Shift+↑'], action: 'imageKeys.nudge10', does: ['nudge'] },
  { keys: ['Delete', 'Backspace'], action: 'imageKeys.delete', does: ['delete'] },
  { keys: ['{mod}+D'], action: 'imageKeys.duplicate', does: ['duplicate'] },
  { keys: ['{mod}+G'], action: 'imageKeys.group', does: ['group'] },
  { keys: ['Shift+{mod}+G'], action: 'imageKeys.ungroup', does: ['ungroup'] },
  { keys: ['{mod}+A'], action: 'imageKeys.selectAll', does: ['selectAll'] },
  { keys: ['{mod}+]', '{mod}+['], action: 'imageKeys.order', does: ['order'] },
  { keys: ['Shift+{mod}+]', 'Shift+{mod}+['], action: 'imageKeys.orderEnds', does: ['order'] },
  { keys: ['{mod}+E'], action: 'imageKeys.export', does: ['export'] },
  { keys: ['{mod}+Z'], action: 'keys.undo', does: ['undo'] },
  { keys: ['Shift+{mod}+Z', '{mod}+Y'], action: 'keys.redo', does: ['redo'] },
  { keys: ['Enter'], action: 'imageKeys.enter', does: ['editText', 'crop', 'cropApply'] },
  { keys: ['Esc'], action: 'imageKeys.escape', does: ['clearSelection', 'cropCancel'] },
  { keys: ['Shift'], action: 'imageKeys.shift', does: [] },
  { keys: ['Alt'], action: 'imageKeys.alt', does: [] },
  // The page strip's own key (PageStrip.tsx), on a focused page thumbnail.
  { keys: ['Alt+←', 'Alt+→'], action: 'imageKeys.pageMove', does: [] },
  { keys: ['?'], action: 'keys.sheet', does: ['shortcuts'] },
];
