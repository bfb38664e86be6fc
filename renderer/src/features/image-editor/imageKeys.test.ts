import { describe, expect, it } from 'vitest';
import { en } from '../../i18n/en';
import { imageKeyCommand, imageShortcuts, type ImageKeyCommand, type KeyContext } from './imageKeys';

const key = (k: string, mods: Partial<{ ctrl: boolean; meta: boolean; shift: boolean; alt: boolean }> = {}) => ({ key: k, ctrlKey: !!mods.ctrl, metaKey: !!mods.meta, shiftKey: !!mods.shift, altKey: !!mods.alt });
const sel: KeyContext = { selection: 1, single: 'other', cropping: false };
const none: KeyContext = { selection: 0, single: null, cropping: false };

describe('the image editor’s keys', () => {
  it('arrows nudge 1 px, with Shift 10 px, only with a selection', () => {
    expect(imageKeyCommand(key('ArrowLeft'), sel)).toEqual({ kind: 'nudge', dx: -1, dy: 0 });
    expect(imageKeyCommand(key('ArrowDown', { shift: true }), sel)).toEqual({ kind: 'nudge', dx: 0, dy: 10 });
    expect(imageKeyCommand(key('ArrowUp', { shift: true }), sel)).toEqual({ kind: 'nudge', dx: 0, dy: -10 });
    expect(imageKeyCommand(key('ArrowRight'), none)).toBeNull();
  });

  it('Delete and Backspace delete; Ctrl or Cmd with D, G, Shift+G, Z, Shift+Z, Y, ], [ do what the sheet says', () => {
    expect(imageKeyCommand(key('Delete'), sel)).toEqual({ kind: 'delete' });
    expect(imageKeyCommand(key('Backspace'), sel)).toEqual({ kind: 'delete' });
    expect(imageKeyCommand(key('Delete'), none)).toBeNull();
    for (const m of [{ ctrl: true }, { meta: true }]) {
      expect(imageKeyCommand(key('d', m), sel)).toEqual({ kind: 'duplicate' });
      expect(imageKeyCommand(key('g', m), sel)).toEqual({ kind: 'group' });
      expect(imageKeyCommand(key('G', { ...m, shift: true }), sel)).toEqual({ kind: 'ungroup' });
      expect(imageKeyCommand(key('z', m), sel)).toEqual({ kind: 'undo' });
      expect(imageKeyCommand(key('Z', { ...m, shift: true }), sel)).toEqual({ kind: 'redo' });
      expect(imageKeyCommand(key('y', m), sel)).toEqual({ kind: 'redo' });
      expect(imageKeyCommand(key(']', m), sel)).toEqual({ kind: 'order', how: 'forward' });
      expect(imageKeyCommand(key('[', m), sel)).toEqual({ kind: 'order', how: 'backward' });
      expect(imageKeyCommand(key(']', { ...m, shift: true }), sel)).toEqual({ kind: 'order', how: 'front' });
      expect(imageKeyCommand(key('}', { ...m, shift: true }), sel)).toEqual({ kind: 'order', how: 'front' });
      expect(imageKeyCommand(key('{', { ...m, shift: true }), sel)).toEqual({ kind: 'order', how: 'back' });
      expect(imageKeyCommand(key('a', m), none)).toEqual({ kind: 'selectAll' });
      expect(imageKeyCommand(key('e', m), none)).toEqual({ kind: 'export' });
    }
    // Alt with Ctrl is someone else's (AltGr on some keyboards).
    expect(imageKeyCommand(key('z', { ctrl: true, alt: true }), sel)).toBeNull();
  });

  it('? opens the sheet; Enter types into a text and crops a photo; Esc clears the selection', () => {
    expect(imageKeyCommand(key('?', { shift: true }), none)).toEqual({ kind: 'shortcuts' });
    expect(imageKeyCommand(key('Enter'), { ...sel, single: 'text' })).toEqual({ kind: 'editText' });
    expect(imageKeyCommand(key('Enter'), { ...sel, single: 'photo' })).toEqual({ kind: 'crop' });
    expect(imageKeyCommand(key('Enter'), sel)).toBeNull();
    expect(imageKeyCommand(key('Escape'), sel)).toEqual({ kind: 'clearSelection' });
  });

  it('while cropping only Enter (apply), Esc (cancel) and ? mean something', () => {
    const cropping = { ...sel, single: 'photo' as const, cropping: true };
    expect(imageKeyCommand(key('Enter'), cropping)).toEqual({ kind: 'cropApply' });
    expect(imageKeyCommand(key('Escape'), cropping)).toEqual({ kind: 'cropCancel' });
    expect(imageKeyCommand(key('?'), cropping)).toEqual({ kind: 'shortcuts' });
    for (const k of [key('ArrowLeft'), key('Delete'), key('z', { ctrl: true }), key('d', { ctrl: true })]) expect(imageKeyCommand(k, cropping)).toBeNull();
  });

  it('the shortcut sheet has a row for every command the keys give, each with a string', () => {
    const kinds: ImageKeyCommand['kind'][] = ['undo', 'redo', 'duplicate', 'group', 'ungroup', 'selectAll', 'order', 'nudge', 'delete', 'editText', 'crop', 'cropApply', 'cropCancel', 'clearSelection', 'shortcuts', 'export'];
    const covered = new Set(imageShortcuts.flatMap((r) => r.does));
    for (const k of kinds) expect(covered.has(k), k).toBe(true);
    for (const r of imageShortcuts) expect(en[r.action], r.action).toBeTruthy();
  });
});
