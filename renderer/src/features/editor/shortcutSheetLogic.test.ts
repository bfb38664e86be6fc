import { describe, expect, it } from 'vitest';
import { en } from '../../i18n/en';
import type { MessageKey } from '../../i18n';
import { shortcuts } from './editorShortcuts';
import { groupShortcuts, keyCapParts } from './shortcutSheetLogic';

const text = (k: MessageKey) => en[k];

describe('shortcut sheet', () => {
  it('every editor shortcut sits in a group; groups come in the list order and none repeats', () => {
    expect(shortcuts.every((s) => s.group)).toBe(true);
    const groups = groupShortcuts(shortcuts, '', text);
    expect(groups.map((g) => g.title)).toEqual([
      'keys.group.playback',
      'keys.group.editing',
      'keys.group.preview',
      'keys.group.keyframes',
      'keys.group.speed',
      'keys.group.captions',
      'keys.group.help',
    ]);
    expect(groups.reduce((n, g) => n + g.rows.length, 0)).toBe(shortcuts.length);
    // The sheet keys its rows by action: each action once.
    expect(new Set(shortcuts.map((s) => s.action)).size).toBe(shortcuts.length);
  });
  it('search narrows by words in the description, the keys or the group, in any case', () => {
    const actions = (q: string) => groupShortcuts(shortcuts, q, text).flatMap((g) => g.rows.map((r) => r.action));
    expect(actions('split')).toEqual(['keys.split', 'keys.cueSplit']);
    expect(actions('SPACE')).toEqual(['keys.playPause', 'keys.clipPick']);
    expect(actions('speed curve delete')).toEqual(['keys.curveDelete']);
    expect(actions('speed curve remove')).toEqual(['keys.curveDelete']);
    expect(groupShortcuts(shortcuts, 'captions', text).map((g) => g.title)).toEqual(['keys.group.captions']);
    expect(actions('no such thing')).toEqual([]);
  });
  it('a list without groups (the image editor’s) is one untitled group', () => {
    const groups = groupShortcuts([{ keys: ['?'], action: 'keys.sheet' }, { keys: ['{mod}+Z'], action: 'keys.undo' }], '', text);
    expect(groups).toEqual([{ title: null, rows: [{ keys: ['?'], action: 'keys.sheet' }, { keys: ['{mod}+Z'], action: 'keys.undo' }] }]);
  });
});

describe('key caps', () => {
  it('sets arrow glyphs apart from the letters around them (drawn larger: walk #53)', () => {
    expect(keyCapParts('Shift+←')).toEqual([
      { text: 'Shift+', arrow: false },
      { text: '←', arrow: true },
    ]);
    expect(keyCapParts('↑ ↓ ← →')).toEqual([{ text: '↑ ↓ ← →', arrow: true }]);
    expect(keyCapParts('Alt+↑')).toEqual([
      { text: 'Alt+', arrow: false },
      { text: '↑', arrow: true },
    ]);
    expect(keyCapParts('Ctrl+Z')).toEqual([{ text: 'Ctrl+Z', arrow: false }]);
    // Every cap of the sheet reads the same, joined again.
    for (const row of shortcuts) for (const k of row.keys) expect(keyCapParts(k).map((p) => p.text).join('')).toBe(k);
  });
});
