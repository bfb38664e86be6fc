import { labelKeys, type ColourLabel } from '../../../../electron/model/organise';

export type MarkAction = { kind: 'rating'; rating: number } | { kind: 'label'; label: ColourLabel | null };

/**
 * Lightroom's and Eagle's keys for the selection: 0–5 set the stars, 6–9 a colour label. A label key on a selection
 * that all wears that label already takes it off (the same key undoes a slip). Modifier keys are someone else's.
 */
export function markForKey(e: { key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean }, selectedLabels: readonly (ColourLabel | null)[]): MarkAction | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  if (/^[0-5]$/.test(e.key)) return { kind: 'rating', rating: Number(e.key) };
  const label = labelKeys[e.key];
  if (!label) return null;
  const allHave = selectedLabels.length > 0 && selectedLabels.every((l) => l === label);
  return { kind: 'label', label: allHave ? null : label };
}
