import type { ShortcutRow } from './shortcutSheetLogic';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
/** The modifier as the platform names it. */
export const mod = isMac ? '⌘' : 'Ctrl';

type Rows = Omit<ShortcutRow, 'group'>[];
const inGroup = (group: ShortcutRow['group'], rows: Rows): ShortcutRow[] => rows.map((r) => ({ ...r, group }));

/** The video editor's shortcut sheet, grouped by where the keys work (useEditorKeys.ts and the parts' own keys). */
export const shortcuts: ShortcutRow[] = [
  ...inGroup('keys.group.playback', [
    { keys: ['Space'], action: 'keys.playPause' },
    { keys: ['J'], action: 'keys.back' },
    { keys: ['K'], action: 'keys.stop' },
    { keys: ['L'], action: 'keys.forward' },
    { keys: ['←', '→'], action: 'keys.frame' },
    { keys: ['Shift+←', 'Shift+→'], action: 'keys.second' },
    { keys: ['Home', 'End'], action: 'keys.startEnd' },
    { keys: ['G'], action: 'keys.toClip' },
    { keys: ['B', 'Shift+B'], action: 'keys.beat' },
  ]),
  ...inGroup('keys.group.editing', [
    { keys: ['F6', 'Shift+F6'], action: 'keys.regions' },
    { keys: ['\\ (hold)'], action: 'keys.compare' },
    { keys: ['Tab', 'Shift+Tab'], action: 'keys.clipFocus' },
    { keys: ['Ctrl+← →', 'Ctrl+↑ ↓'], action: 'keys.clipArrows' },
    { keys: ['Alt+←', 'Alt+→', 'Alt+Shift+←', 'Alt+Shift+→'], action: 'keys.clipMove' },
    { keys: ['Alt+↑', 'Alt+↓'], action: 'keys.clipTrack' },
    { keys: ['Shift+Space'], action: 'keys.clipPick' },
    { keys: ['I'], action: 'keys.in' },
    { keys: ['O'], action: 'keys.out' },
    { keys: ['S'], action: 'keys.split' },
    { keys: ['F'], action: 'keys.freeze' },
    { keys: ['Delete'], action: 'keys.delete' },
    { keys: [`${mod}+Z`], action: 'keys.undo' },
    { keys: [`Shift+${mod}+Z`], action: 'keys.redo' },
    { keys: ['+', '−'], action: 'keys.zoom' },
    { keys: [`${mod}+wheel`], action: 'keys.wheelZoom' },
  ]),
  ...inGroup('keys.group.preview', [
    { keys: ['Tab', 'Shift+Tab'], action: 'keys.dmSelect' },
    { keys: ['↑ ↓ ← →', 'Shift+arrows'], action: 'keys.dmNudge' },
    { keys: ['Shift+corner drag'], action: 'keys.dmScale' },
    { keys: ['Alt+drag'], action: 'keys.dmMove' },
    { keys: [',', '.', 'Shift+,', 'Shift+.'], action: 'keys.dmRotate' },
    { keys: ['Enter', 'double-click'], action: 'keys.dmEdit' },
    { keys: ['↑ ↓ ← →', 'Shift+arrows', 'Enter', 'Esc'], action: 'keys.keyPick' },
  ]),
  ...inGroup('keys.group.keyframes', [
    { keys: ['D'], action: 'keys.keyframe' },
    { keys: ['[', ']'], action: 'keys.keyframeStep' },
    { keys: ['←', '→', 'Shift+←', 'Shift+→', 'Delete'], action: 'keys.keyframeLane' },
  ]),
  ...inGroup('keys.group.speed', [
    { keys: ['↑', '↓', 'Shift+↑', 'Shift+↓'], action: 'keys.curveSpeed' },
    { keys: ['←', '→', 'Shift+←', 'Shift+→'], action: 'keys.curveMove' },
    { keys: ['Delete'], action: 'keys.curveDelete' },
    { keys: ['double-click'], action: 'keys.curveAdd' },
  ]),
  ...inGroup('keys.group.captions', [
    { keys: ['←', '→', 'Shift+←', 'Shift+→'], action: 'keys.cueNudge' },
    { keys: ['↑', '↓'], action: 'keys.cueStep' },
    { keys: ['Shift+drag', 'Alt+drag'], action: 'keys.cueShift' },
    { keys: ['Enter', 'F2'], action: 'keys.cueEdit' },
    { keys: ['↑', '↓'], action: 'keys.cueMove' },
    { keys: ['S'], action: 'keys.cueSplit' },
    { keys: ['M'], action: 'keys.cueMerge' },
    { keys: ['Delete'], action: 'keys.cueDelete' },
    { keys: ['N'], action: 'keys.cueAdd' },
    { keys: ['Enter', 'Shift+Enter', 'Esc'], action: 'keys.cueText' },
  ]),
  ...inGroup('keys.group.help', [{ keys: ['?'], action: 'keys.sheet' }]),
];
