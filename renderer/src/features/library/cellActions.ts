/** What a click or a drag on a grid cell does (cellEvents.ts applies it): kept apart from the DOM and the store. */

type Mods = { shiftKey: boolean; ctrlKey: boolean; metaKey: boolean };
export type ClickAction = 'range' | 'range-add' | 'toggle' | 'only';

/** What a click on a cell does: Shift extends the range (adding to the selection with Ctrl/Cmd), Ctrl/Cmd toggles. */
export function clickAction({ shiftKey, ctrlKey, metaKey }: Mods): ClickAction {
  const mod = ctrlKey || metaKey;
  if (shiftKey) return mod ? 'range-add' : 'range';
  return mod ? 'toggle' : 'only';
}

/** Dragging a selected cell drags the whole selection (onto a collection in the sidebar), as in Finder. */
export function draggedIds(selected: ReadonlySet<string>, id: string): string[] {
  return selected.has(id) ? Array.from(selected) : [id];
}
