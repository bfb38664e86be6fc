import { describe, expect, it } from 'vitest';
import { clickAction, draggedIds } from './cellActions';

const mods = (m: Partial<{ shiftKey: boolean; ctrlKey: boolean; metaKey: boolean }>) => ({ shiftKey: false, ctrlKey: false, metaKey: false, ...m });

describe('clickAction', () => {
  it('selects only the cell on a plain click', () => expect(clickAction(mods({}))).toBe('only'));
  it('toggles with Ctrl or Cmd', () => {
    expect(clickAction(mods({ ctrlKey: true }))).toBe('toggle');
    expect(clickAction(mods({ metaKey: true }))).toBe('toggle');
  });
  it('extends the range with Shift, adding to the selection with Ctrl or Cmd too', () => {
    expect(clickAction(mods({ shiftKey: true }))).toBe('range');
    expect(clickAction(mods({ shiftKey: true, ctrlKey: true }))).toBe('range-add');
    expect(clickAction(mods({ shiftKey: true, metaKey: true }))).toBe('range-add');
  });
});

describe('draggedIds', () => {
  it('drags the whole selection from a selected cell', () => expect(draggedIds(new Set(['a', 'b']), 'b')).toEqual(['a', 'b']));
  it('drags only the cell from an unselected one', () => expect(draggedIds(new Set(['a', 'b']), 'c')).toEqual(['c']));
});
