import { EDITOR_REGIONS, type EditorRegion, regionAfter } from './regionFocusLogic';

/**
 * F6 / Shift+F6: the keyboard moves between the editor's parts, as in VS Code and the desktop apps that have
 * panes. Tab alone walks every control of the header, the media list and the Inspector before the timeline
 * (40 presses in a new-user walk never reached a clip, walk #58). Each part's root carries `data-region`.
 */
export function focusNextRegion(dir: 1 | -1): void {
  const roots = new Map<EditorRegion, HTMLElement>();
  for (const r of EDITOR_REGIONS) {
    const el = document.querySelector<HTMLElement>(`[data-region="${r}"]`);
    if (el && el.getClientRects().length > 0) roots.set(r, el);
  }
  const active = document.activeElement;
  const from = [...roots].find(([, el]) => active && el.contains(active))?.[0] ?? null;
  const to = regionAfter(from, [...roots.keys()], dir);
  if (to) firstStop(roots.get(to)!, to)?.focus();
}

const FOCUSABLE = 'button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** Where a part takes the focus: the timeline on its selected clip (else its first clip), the others on their first control. */
function firstStop(root: HTMLElement, region: EditorRegion): HTMLElement | null {
  if (region === 'timeline') {
    const clip = root.querySelector<HTMLElement>('[data-testid="clip"][aria-selected="true"]') ?? root.querySelector<HTMLElement>('[data-testid="clip"]');
    if (clip) return clip;
  }
  if (region === 'preview') {
    const layer = root.querySelector<HTMLElement>('[data-testid="manipulate"]');
    if (layer) return layer;
  }
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].find((el) => el.getClientRects().length > 0) ?? null;
}
